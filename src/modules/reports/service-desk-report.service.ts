import { type Actor, isStaff } from '../../lib/actor';
import { ForbiddenError, ValidationError } from '../../lib/errors';
import { occupancyByWeek } from '../apartments/occupancy.service';
import { addDays, chinaToday, isoWeek, mondayOf } from '../apartments/stay-dates';
import { listServices } from '../services/catalogue.service';
import { type RequestReportRow, requestsForReport } from '../services/report-rows.service';
import { OPEN_REQUEST_STATUSES } from '../services/services.schemas';
import { chinaDay, WORKING_CALENDAR, workingDaysBetween } from '../services/working-days';
import { monthOf } from './reports.service';
import {
  MAX_REPORT_MONTHS,
  PERIOD_ORDER,
  PERIOD_TOO_LONG,
  type ServiceDeskFigures,
  type ServiceDeskReport,
  type ServiceReportQuery,
} from './service-desk-report.schemas';

/**
 * The talent-service desk's report: the requests filed in a period, each counted in its state now, by
 * unit, service, month of filing and priority, with the apartments' weekly occupancy. One read of the
 * period's requests (the few fields needed) and plain counting here, as for the main report, so the
 * page, its CSV and the JSON API show the same numbers.
 */

const DAY_MS = 86_400_000;
export const OCCUPANCY_WEEKS = 12;

type Row = RequestReportRow;

/** Months as "YYYY-MM", counted from a month (negative: back). */
function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}
const monthsFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m);
  return out;
};
/** The first instant of a month in China (UTC+8). */
const monthStart = (month: string): Date => new Date(`${month}-01T00:00:00+08:00`);

/** The period asked for, with its defaults: the 12 months up to this one. */
export function reportPeriod(query: Pick<ServiceReportQuery, 'from' | 'to'>, now = new Date()) {
  const to = query.to ?? monthOf(now);
  const from = query.from ?? shiftMonth(to, -11);
  const fail = (message: string) =>
    new ValidationError('The period is not valid.', [{ path: 'query.from', message }]);
  if (from > to) throw fail(PERIOD_ORDER);
  const months = monthsFrom(from, to);
  if (months.length > MAX_REPORT_MONTHS) throw fail(PERIOD_TOO_LONG);
  return { from, to, months, start: monthStart(from), end: monthStart(shiftMonth(to, 1)) };
}

/** The unit a caller may see: a service unit only its own (another is 403), staff any or all. */
function unitScope(actor: Actor, asked: string | undefined): string | undefined {
  if (isStaff(actor)) return asked;
  if (actor.role !== 'service_unit' || !actor.unitCode) throw new ForbiddenError();
  if (asked && asked !== actor.unitCode) throw new ForbiddenError("A unit sees only its own unit's figures.");
  return actor.unitCode;
}

/** The median; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
const average = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

interface Tally {
  filed: number;
  open: number;
  done: number;
  refused: number;
  withdrawn: number;
  onTime: number;
  days: number[];
  workingDays: number[];
  scores: number[];
}
const emptyTally = (): Tally => ({
  filed: 0,
  open: 0,
  done: 0,
  refused: 0,
  withdrawn: 0,
  onTime: 0,
  days: [],
  workingDays: [],
  scores: [0, 0, 0, 0, 0],
});

function count(t: Tally, r: Row): void {
  t.filed++;
  if (OPEN_REQUEST_STATUSES.includes(r.status)) t.open++;
  else if (r.status === 'refused') t.refused++;
  else if (r.status === 'withdrawn') t.withdrawn++;
  else if (r.status === 'done' && r.doneAt) {
    t.done++;
    if (r.doneAt.getTime() <= r.dueAt.getTime()) t.onTime++;
    const [filedDay, doneDay] = [chinaDay(r.submittedAt), chinaDay(r.doneAt)];
    t.days.push(Math.max(0, Math.round((Date.parse(doneDay) - Date.parse(filedDay)) / DAY_MS)));
    t.workingDays.push(workingDaysBetween(filedDay, doneDay, WORKING_CALENDAR));
  }
  const score = r.rating?.score;
  if (score && score >= 1 && score <= 5) t.scores[score - 1]++;
}

function figures(t: Tally): ServiceDeskFigures {
  const rated = t.scores.reduce((s, n) => s + n, 0);
  const sum = t.scores.reduce((s, n, i) => s + n * (i + 1), 0);
  return {
    filed: t.filed,
    open: t.open,
    done: t.done,
    refused: t.refused,
    withdrawn: t.withdrawn,
    onTime: t.onTime,
    onTimeShare: ratio(t.onTime, t.done),
    medianDays: median(t.days),
    medianWorkingDays: median(t.workingDays),
    ratings: { count: rated, average: average(sum, rated), distribution: [...t.scores] },
  };
}

/** A tally per key, in first-seen order, with the name it was first given. */
function groups<N>() {
  const map = new Map<string, { name: N; tally: Tally }>();
  const slot = (key: string, name: N) => {
    let g = map.get(key);
    if (!g) {
      g = { name, tally: emptyTally() };
      map.set(key, g);
    }
    return g;
  };
  return {
    seed: (key: string, name: N) => void slot(key, name),
    add: (key: string, name: N, r: Row) => count(slot(key, name).tally, r),
    entries: () => [...map.entries()],
  };
}
const mostFiledFirst = <T extends { filed: number; code: string }>(rows: T[]) =>
  rows.sort((a, b) => b.filed - a.filed || a.code.localeCompare(b.code));

/** All buildings summed per ISO week, for the period's last weeks (no later than this week). */
async function weeklyOccupancy(lastMonth: string, now: Date) {
  const lastDay = addDays(`${shiftMonth(lastMonth, 1)}-01`, -1);
  const lastWeek = mondayOf([lastDay, chinaToday(now)].sort()[0]); // the earlier: never ahead of today
  const from = addDays(lastWeek, -7 * (OCCUPANCY_WEEKS - 1));
  const view = await occupancyByWeek({ from, weeks: OCCUPANCY_WEEKS }, now);
  return Array.from({ length: OCCUPANCY_WEEKS }, (_, i) => {
    const weekStart = addDays(from, 7 * i);
    const items = view.items.filter((item) => item.weekStart === weekStart);
    const sum = (pick: (item: (typeof items)[number]) => number) =>
      items.reduce((n, item) => n + pick(item), 0);
    const [available, booked] = [sum((x) => x.nightsAvailable), sum((x) => x.nightsBooked)];
    return {
      week: isoWeek(weekStart),
      weekStart,
      rooms: sum((x) => x.rooms),
      nightsAvailable: available,
      nightsBooked: booked,
      occupancy: ratio(booked, available),
    };
  });
}

/**
 * The report for a period (`from`–`to`, months in China time; the last 12 months by default) and
 * optionally one unit. Coordinators and admins see every unit and the apartments; a service unit's
 * staff see their own unit only.
 */
export async function serviceDeskReport(
  actor: Actor,
  query: ServiceReportQuery,
  now = new Date(),
): Promise<ServiceDeskReport> {
  const unitCode = unitScope(actor, query.unitCode);
  const period = reportPeriod(query, now);
  const [requests, catalogue] = await Promise.all([
    requestsForReport({ ...period, unitCode }),
    listServices(actor),
  ]);

  const total = emptyTally();
  const units = groups<Row['unitName']>();
  const services = groups<{ name: Row['serviceName']; unitCode: string }>();
  for (const s of catalogue) {
    if (unitCode && s.unit.code !== unitCode) continue;
    units.seed(s.unit.code, s.unit.name);
    services.seed(s.code, { name: s.name, unitCode: s.unit.code });
  }
  const monthly = new Map(period.months.map((m) => [m, { tally: emptyTally() }]));
  const priority = { priority: emptyTally(), other: emptyTally() };
  for (const r of requests) {
    count(total, r);
    units.add(r.unitCode, r.unitName, r);
    services.add(r.serviceCode, { name: r.serviceName, unitCode: r.unitCode }, r);
    const month = monthly.get(monthOf(r.submittedAt));
    if (month) count(month.tally, r);
    count(r.priority ? priority.priority : priority.other, r);
  }

  const bilingual = (n: { zh: string; en: string }) => ({ zh: n.zh, en: n.en });
  return {
    generatedAt: now,
    period: { from: period.from, to: period.to, unitCode: unitCode ?? null },
    totals: figures(total),
    byUnit: mostFiledFirst(
      units.entries().map(([code, u]) => ({ code, name: bilingual(u.name), ...figures(u.tally) })),
    ),
    byService: mostFiledFirst(
      services.entries().map(([code, s]) => ({
        code,
        name: bilingual(s.name.name),
        unitCode: s.name.unitCode,
        ...figures(s.tally),
      })),
    ),
    monthly: [...monthly.entries()].map(([month, { tally }]) => {
      const f = figures(tally);
      const { filed, open, done, onTime, refused, withdrawn } = f;
      return { month, filed, open, done, onTime, refused, withdrawn, averageScore: f.ratings.average };
    }),
    priority: (['priority', 'other'] as const).map((key) => {
      const { filed, done, onTime, onTimeShare, medianDays, medianWorkingDays } = figures(priority[key]);
      return { key, filed, done, onTime, onTimeShare, medianDays, medianWorkingDays };
    }),
    occupancy: isStaff(actor) ? await weeklyOccupancy(period.to, now) : null,
  };
}
