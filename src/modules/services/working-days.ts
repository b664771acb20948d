import holidays2026 from './data/holidays-2026.json';
import holidays2027 from './data/holidays-2027.json';

/**
 * China's working days: Monday to Friday, minus the State Council's days off, plus the weekends it makes
 * working days (调休上班). Dates are calendar days in China ('YYYY-MM-DD'); the functions here are pure.
 */
export interface WorkingCalendar {
  /** Days off on what would be working days (and weekends inside a break; harmless). */
  readonly daysOff: ReadonlySet<string>;
  /** Weekends made working days. */
  readonly workingWeekends: ReadonlySet<string>;
  /** The years with a data file, and whether it is official or provisional. */
  readonly years: Readonly<Record<number, 'official' | 'provisional'>>;
}

interface YearFile {
  year: number;
  status: 'official' | 'provisional';
  holidays: Array<{ days: string[]; workingWeekends: string[] }>;
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A calendar built from year files (the shape of data/holidays-<year>.json). */
export function buildCalendar(files: readonly YearFile[]): WorkingCalendar {
  const daysOff = new Set<string>();
  const workingWeekends = new Set<string>();
  const years: Record<number, 'official' | 'provisional'> = {};
  for (const file of files) {
    years[file.year] = file.status;
    for (const h of file.holidays) {
      for (const d of h.days) daysOff.add(d);
      for (const d of h.workingWeekends) workingWeekends.add(d);
    }
  }
  return { daysOff, workingWeekends, years };
}

/** The calendar of every year with a data file (add a year: one import, one entry). */
export const WORKING_CALENDAR: WorkingCalendar = buildCalendar([
  holidays2026 as YearFile,
  holidays2027 as YearFile,
]);

const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The calendar day in China of an instant. */
export const chinaDay = (at: Date): string => toDay(at.getTime() + CHINA_OFFSET_MS);

/** The last millisecond of a China calendar day, as an instant. */
export const endOfChinaDay = (day: string): Date => new Date(dayMs(day) + DAY_MS - 1 - CHINA_OFFSET_MS);

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingWeekends.has(day)) return true;
  if (calendar.daysOff.has(day)) return false;
  const weekday = new Date(dayMs(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The day that is `n` working days after `day` (the day itself does not count): Friday + 1 is the next
 * working Monday. With n = 0: `day` itself if it is a working day, else the next working day.
 */
export function addWorkingDays(day: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number of days, 0 or more');
  let ms = dayMs(day);
  if (n === 0) {
    while (!isWorkingDay(toDay(ms), calendar)) ms += DAY_MS;
    return toDay(ms);
  }
  for (let left = n; left > 0; ) {
    ms += DAY_MS;
    if (isWorkingDay(toDay(ms), calendar)) left--;
  }
  return toDay(ms);
}

/** How many working days lie after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let count = 0;
  for (let ms = dayMs(from) + DAY_MS; ms <= dayMs(to); ms += DAY_MS) {
    if (isWorkingDay(toDay(ms), calendar)) count++;
  }
  return count;
}

/**
 * The deadline of something promised in `days` working days from `at`: the end of the last of them
 * (China time); the reminder is due at the end of the working day before (at once for a 1-day promise).
 */
export function serviceDeadlines(at: Date, days: number, calendar: WorkingCalendar) {
  const start = chinaDay(at);
  const due = addWorkingDays(start, days, calendar);
  const remindAt = days > 1 ? endOfChinaDay(addWorkingDays(start, days - 1, calendar)) : at;
  return { dueDay: due, dueAt: endOfChinaDay(due), remindAt };
}
