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
  const level = text(body, 'title.level');
  const series = text(body, 'title.series');
  if (!level && !series) return nullable ? null : undefined;
  return { level, series };
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

/** The profile form: empty optional fields are cleared (null), required ones stay required. */
export function profileInput(body: Body) {
  const { honours, rowOf } = honoursOf(body);
  return { input: profileFields(body, honours), rowOf };
}

function profileFields(body: Body, honours: ReturnType<typeof honoursOf>['honours']) {
  return {
    name: required(body, 'name'),
    email: required(body, 'email'),
    phone: textOrNull(body, 'phone'),
    birthYear: numOrNull(body, 'birthYear'),
    residenceCounty: textOrNull(body, 'residenceCounty'),
    formerEmployer: textOrNull(body, 'formerEmployer'),
    position: textOrNull(body, 'position'),
    title: titleOf(body, true),
    skillLevel: textOrNull(body, 'skillLevel'),
    fields: list(body, 'fields'),
    skills: list(body, 'skills'),
    yearsOfExperience: num(body, 'yearsOfExperience') ?? 0,
    modes: list(body, 'modes'),
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

/** The availability form; `rowOf` maps each window back to its form row. */
export function availabilityInput(body: Body) {
  const windows = rows(body, 'availability.windows', ['from', 'to']);
  const paused = checked(body, 'availability.paused');
  return {
    rowOf: windows.rowOf,
    input: {
      availability: {
        windows: windows.items,
        daysPerMonth: numOrNull(body, 'availability.daysPerMonth'),
        maxConcurrent: num(body, 'availability.maxConcurrent') ?? 1,
        paused,
        pauseReason: paused ? textOrNull(body, 'availability.pauseReason') : null,
        blockedDates: words(body, 'availability.blockedDates'),
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
