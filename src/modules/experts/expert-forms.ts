import {
  checked,
  list,
  num,
  numOrNull,
  required,
  rows,
  secret,
  text,
  textOrNull,
} from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import type { ExpertView } from './expert-view';

/**
 * Form fields of the expert pages → the experts service's input. Field names are the input's dotted
 * paths, so the API's schema reports errors by the same names.
 */

/** The privacy notice shown in full at sign-up; its text lives in the dictionaries under this version. */
export const CONSENT_VERSION = 'privacy-2026-01';

type Body = Record<string, unknown>;

function titleOf(body: Body, nullable: boolean) {
  const name = text(body, 'title.name');
  const level = text(body, 'title.level');
  const series = text(body, 'title.series');
  if (!name && !level && !series) return nullable ? null : undefined;
  return { name, level, series };
}

/**
 * The stored title as the form shows it: with a name, the level and series selects stay empty, as
 * they were filled from the name; a changed name then is not contradicted by the old level.
 */
export function titleValues(expert: Pick<ExpertView, 'title'>): Record<string, string> {
  const t = expert.title;
  if (!t) return {};
  if (t.name) return { 'title.name': t.name };
  return t.series ? { 'title.level': t.level, 'title.series': t.series } : { 'title.level': t.level };
}

export function signupInput(body: Body, lang: PageLanguage) {
  return {
    name: required(body, 'name'),
    email: text(body, 'email'),
    password: secret(body, 'password'),
    phone: text(body, 'phone'),
    birthYear: num(body, 'birthYear'),
    residenceCounty: text(body, 'residenceCounty'),
    title: titleOf(body, false),
    skillLevel: text(body, 'skillLevel'),
    tradeName: text(body, 'tradeName'),
    fields: list(body, 'fields'),
    yearsOfExperience: num(body, 'yearsOfExperience'),
    modes: list(body, 'modes'),
    preferredLanguage: lang,
    consent: { textVersion: CONSENT_VERSION, accepted: checked(body, 'consent.accepted') },
  };
}

/** Free words separated by commas, 、 or new lines ("高血压, 冠心病" → two tags). */
function words(body: Body, key: string): string[] {
  return (text(body, key) ?? '')
    .split(/[,，、;；\n]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** The honours rows of the profile form (blank rows dropped); `rowOf` maps each back to its row. */
function honoursOf(body: Body) {
  const { items, rowOf } = rows(body, 'honours', ['name', 'level', 'year']);
  const honours = items.map((h) => ({
    name: h.name,
    level: h.level,
    year: h.year === undefined ? undefined : Number.isInteger(Number(h.year)) ? Number(h.year) : h.year,
  }));
  return { honours, rowOf };
}

/**
 * The assisted registration form: the whole profile a coordinator takes down in person — sign-up's
 * fields, skills, honours, former work and availability. The email may stay empty (a phone-only
 * expert); `rowOf` and `windowRowOf` map honours and windows back to their form rows.
 */
export function assistedInput(body: Body, lang: PageLanguage) {
  const { password: _password, ...base } = signupInput(body, lang);
  const { honours, rowOf } = honoursOf(body);
  const windows = rows(body, 'availability.windows', ['from', 'to']);
  return {
    rowOf,
    windowRowOf: windows.rowOf,
    input: {
      ...base,
      formerEmployer: text(body, 'formerEmployer'),
      position: text(body, 'position'),
      skills: list(body, 'skills'),
      honours,
      availability: {
        windows: windows.items,
        daysPerMonth: num(body, 'availability.daysPerMonth'),
        maxConcurrent: num(body, 'availability.maxConcurrent') ?? 1,
      },
      travel: { maxHours: num(body, 'travel.maxHours'), remoteOk: checked(body, 'travel.remoteOk') },
    },
  };
}

/** The profile form: empty optional fields are cleared (null), required ones stay required. */
export function profileInput(body: Body) {
  const { honours, rowOf } = honoursOf(body);
  return { input: profileFields(body, honours), rowOf };
}

/** The expert's own profile form: the profile and the weekly email's box, which only the expert ticks. */
export function ownProfileInput(body: Body) {
  const { input, rowOf } = profileInput(body);
  return { input: { ...input, weeklyDigest: checked(body, 'weeklyDigest') }, rowOf };
}

function profileFields(body: Body, honours: ReturnType<typeof honoursOf>['honours']) {
  return {
    name: required(body, 'name'),
    email: required(body, 'email'),
    currentPassword:
      typeof body.currentPassword === 'string' && body.currentPassword ? body.currentPassword : undefined,
    phone: textOrNull(body, 'phone'),
    birthYear: numOrNull(body, 'birthYear'),
    residenceCounty: textOrNull(body, 'residenceCounty'),
    formerEmployer: textOrNull(body, 'formerEmployer'),
    position: textOrNull(body, 'position'),
    title: titleOf(body, true),
    skillLevel: textOrNull(body, 'skillLevel'),
    tradeName: textOrNull(body, 'tradeName'),
    fields: list(body, 'fields'),
    skills: list(body, 'skills'),
    yearsOfExperience: num(body, 'yearsOfExperience') ?? 0,
    modes: list(body, 'modes'),
    preferredModes: list(body, 'preferredModes'),
    honours,
    tags: words(body, 'tags'),
    expectations: { text: textOrNull(body, 'expectations.text') },
  };
}

/** Blank honour rows offered below the stored ones, so a person can add some without script. */
export function honourRowsOf(expert: Pick<ExpertView, 'honours'> | undefined, submitted?: Body): number {
  if (submitted) {
    const indexes = Object.keys(submitted).flatMap((k) => /^honours\.(\d+)\./.exec(k)?.[1] ?? []);
    return Math.max(0, ...indexes.map(Number)) + 1;
  }
  return (expert?.honours?.length ?? 0) + 1;
}

const DAY = String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`;
const PERIOD_LINE = new RegExp(`^${DAY}(?:\\s*(?:至|到|~|～|-|–|—|to)\\s*${DAY})?$`);
const pad = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/**
 * The blocked-periods box: one period a line, "2026-12-01 至 2026-12-31" ("~", "-" or "to" between
 * works too), or a single date for one day. A line that is neither is passed on as it is, so the schema
 * refuses it; `lineOf[i]` is the line of period i, to say which line is wrong.
 */
export function blockedPeriodsOf(body: Body, key: string) {
  const periods: { from: string; to?: string }[] = [];
  const lineOf: number[] = [];
  for (const [i, raw] of (text(body, key) ?? '').split(/\r?\n/).entries()) {
    for (const part of raw.split(/[,，;；、]/)) {
      const line = part.trim();
      if (!line) continue;
      const m = PERIOD_LINE.exec(line);
      if (m) {
        const from = pad(m[1], m[2], m[3]);
        periods.push({ from, to: m[4] ? pad(m[4], m[5], m[6]) : from });
      } else {
        periods.push({ from: line });
      }
      lineOf.push(i + 1);
    }
  }
  return { periods, lineOf };
}

const nextDay = (day: string) => new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);

/** Single days as periods, a run of consecutive days making one. */
function runsOf(days: readonly string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = runs.at(-1);
    if (last && nextDay(last.to) === day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

/**
 * Stored periods and old single blocked days as the box shows them, one a line, in date order;
 * saving the box turns the old days into periods.
 */
export function blockedPeriodsText(
  availability: Pick<ExpertView['availability'], 'blockedPeriods' | 'blockedDates'>,
  lang: PageLanguage,
): string {
  const between = lang === 'en' ? ' to ' : ' 至 ';
  return [...(availability.blockedPeriods ?? []), ...runsOf(availability.blockedDates ?? [])]
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .map((p) => (p.from === p.to ? p.from : `${p.from}${between}${p.to}`))
    .join('\n');
}

/** The availability form; `rowOf` maps each window back to its form row, `lineOf` each blocked period. */
export function availabilityInput(body: Body) {
  const windows = rows(body, 'availability.windows', ['from', 'to']);
  const blocked = blockedPeriodsOf(body, 'availability.blockedPeriods');
  const paused = checked(body, 'availability.paused');
  return {
    rowOf: windows.rowOf,
    lineOf: blocked.lineOf,
    input: {
      availability: {
        windows: windows.items,
        daysPerMonth: numOrNull(body, 'availability.daysPerMonth'),
        maxConcurrent: num(body, 'availability.maxConcurrent') ?? 1,
        paused,
        pauseReason: paused ? textOrNull(body, 'availability.pauseReason') : null,
        // The box holds the old single days too (see blockedPeriodsText): they are saved as periods.
        blockedPeriods: blocked.periods,
        blockedDates: [],
      },
      travel: {
        maxHours: numOrNull(body, 'travel.maxHours'),
        remoteOk: checked(body, 'travel.remoteOk'),
      },
    },
  };
}

/** Blank rows offered below the stored windows, so a person can add some without script. */
export const EXTRA_WINDOW_ROWS = 2;

export function windowRowsOf(expert: Pick<ExpertView, 'availability'>, submitted?: Body): number {
  if (submitted) {
    const indexes = Object.keys(submitted).flatMap(
      (k) => /^availability\.windows\.(\d+)\./.exec(k)?.[1] ?? [],
    );
    return Math.max(0, ...indexes.map(Number)) + 1;
  }
  return expert.availability.windows.length + EXTRA_WINDOW_ROWS;
}
