/**
 * Days as YYYY-MM-DD strings, counted in China's time (UTC+8, no daylight saving): the night of
 * "2026-03-02" is the one that begins that evening in Qianjiang, whatever the server's time zone.
 */
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Today's date in China. */
export const chinaToday = (now: Date = new Date()): string => toDay(now.getTime() + CHINA_OFFSET_MS);

export const addDays = (day: string, days: number): string => toDay(dayMs(day) + days * DAY_MS);

/** Nights from `from` to `to` (exclusive): the number of nights of a stay. */
export const nightsBetween = (from: string, to: string): number =>
  Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** Each night from `from` up to, not including, `to`. */
export function nightList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The Monday of the ISO week of `day`. */
export function mondayOf(day: string): string {
  const weekday = (new Date(dayMs(day)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** The ISO 8601 week of `day`, "2026-W10" (the week's year is the year of its Thursday). */
export function isoWeek(day: string): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(nightsBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
