import type { Response } from 'express';
import { ZodError, type ZodType, type z } from 'zod';
import { AppError, type ErrorDetail } from '../errors';
import type { Translate } from './page-i18n';

/**
 * Forms on pages: read urlencoded fields into the shape a service takes, validate with the API's own
 * zod schema, call the service, and on failure map every issue back onto the field it names.
 * Field names are the dotted paths of the service input ("availability.daysPerMonth",
 * "availability.windows.0.to"), so a zod or AppError `details[].path` is the field name as it is.
 */

export type FieldErrors = Record<string, string>;
/** The key of errors that belong to no field (shown above the form). */
export const FORM_ERROR = '_form';

type Body = Record<string, unknown>;

const raw = (body: Body, key: string): string | undefined => {
  const v = body[key];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : undefined;
};

/** Trimmed text, or undefined when empty. */
export function text(body: Body, key: string): string | undefined {
  const s = raw(body, key)?.trim();
  return s ? s : undefined;
}

/** Trimmed text that must be given: empty stays '' so the schema says it is required. */
export const required = (body: Body, key: string): string => raw(body, key)?.trim() ?? '';

/** A password as typed (not trimmed), or undefined when empty. */
export function secret(body: Body, key: string): string | undefined {
  const s = raw(body, key);
  return s ? s : undefined;
}

/** Trimmed text; empty means "clear it" (null) on edit forms. */
export const textOrNull = (body: Body, key: string): string | null => text(body, key) ?? null;

/** A number when the text is one; other text is passed on, so the schema names the field. */
export function num(body: Body, key: string): number | string | undefined {
  const s = text(body, key);
  if (s === undefined) return undefined;
  const n = Number(s);
  return /^-?\d+(\.\d+)?$/.test(s) && Number.isFinite(n) ? n : s;
}

export const numOrNull = (body: Body, key: string): number | string | null => num(body, key) ?? null;

/** A checkbox: present and not "false" means checked. */
export const checked = (body: Body, key: string): boolean => {
  const s = raw(body, key);
  return s !== undefined && s !== 'false' && s !== '';
};

/** Every non-empty value of a repeated field (checkboxes, multi-selects). */
export function list(body: Body, key: string): string[] {
  const v = body[key];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
}

/**
 * The rows of a repeated group ("availability.windows.3.from") in form order, without the rows left
 * blank; `rowOf[i]` is the form row of item i, so errors can be put back on the right row.
 */
export function rows(body: Body, prefix: string, keys: readonly string[]) {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  const indexes = [...new Set(Object.keys(body).flatMap((k) => pattern.exec(k)?.[1] ?? []))]
    .map(Number)
    .sort((a, b) => a - b);
  const items: Record<string, string | undefined>[] = [];
  const rowOf: number[] = [];
  for (const i of indexes) {
    const item = Object.fromEntries(keys.map((k) => [k, text(body, `${prefix}.${i}.${k}`)]));
    if (Object.values(item).every((v) => v === undefined)) continue;
    items.push(item);
    rowOf.push(i);
  }
  return { items, rowOf };
}

/** Errors of item i of a repeated group moved to its form row rowOf[i]. */
export function toRows(errors: FieldErrors, prefix: string, rowOf: readonly number[]): FieldErrors {
  const out: FieldErrors = {};
  const pattern = new RegExp(`^(${prefix.replace(/\./g, '\\.')}\\.)(\\d+)(\\.|$)`);
  for (const [field, message] of Object.entries(errors)) {
    out[
      field.replace(
        pattern,
        (_m, head: string, i: string, tail: string) => `${head}${rowOf[Number(i)] ?? i}${tail}`,
      )
    ] = message;
  }
  return out;
}

/** "body.availability.windows.0.to" → "availability.windows.0.to"; the root → FORM_ERROR. */
export function fieldOf(path: string): string {
  const field = path.replace(/^(body|query|params)(\.|$)/, '');
  return field === '' ? FORM_ERROR : field;
}

/** Service and schema messages that have their own words on the pages. */
const KNOWN_MESSAGES: Record<string, string> = {
  'already registered': 'error.alreadyRegistered',
  'required to change the email': 'error.currentPasswordNeeded',
  'not right': 'changePassword.wrong',
  'from must not be after to': 'error.dateOrder',
  'at least 10 characters': 'error.passwordLength',
  'name a minimum title level and/or a minimum skill level': 'error.needLevel',
  'required together with healthNote': 'error.healthConsent',
  'must be a 24-character hex id': 'error.invalid',
  'unknown title name': 'error.titleName',
  'name the title or its level': 'error.titleNameOrLevel',
  'unknown trade name': 'error.tradeName',
  'a preferred mode must be one of modes': 'error.preferredModes',
  'a period is at most 366 days': 'error.periodTooLong',
  'a title series needs a minimum title level': 'error.seriesNeedsLevel',
  'must not be in the past': 'error.dateNotPast',
  'must not lie in the past': 'error.dateNotPast',
  'applications must close before the work period ends': 'error.applyByAfterPeriod',
  'must not be in the future': 'error.dateNotFuture',
  'the end date cannot be after today': 'error.dateNotFuture',
  'a registered mobile number or email address': 'error.memberContact',
  'no registered expert has this mobile number or email': 'error.memberUnknown',
  'several experts registered this mobile number: give their email': 'error.memberAmbiguous',
  'you lead the team: name the other members only': 'error.memberIsLead',
  'this member is named twice': 'error.memberTwice',
  'this expert has paused': 'error.memberPaused',
};

/** Messages that carry values ("主任医师 is a full senior title (health)"), known by their form. */
const KNOWN_PATTERNS: [RegExp, string][] = [
  [/^.+ is an? .+ title \(.+\)$/, 'error.titleContradicts'],
  [/^must not be before \w+$/, 'error.dateBeforeOther'],
  [/^the service started on \S+; it cannot end before that$/, 'error.endedBeforeStart'],
];

const knownKey = (message: string): string | undefined =>
  KNOWN_MESSAGES[message] ?? KNOWN_PATTERNS.find(([pattern]) => pattern.test(message))?.[1];

function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  const known = knownKey(issue.message);
  if (known) return t(known);
  if (/mobile number/.test(issue.message)) return t('error.phone');
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return t('error.required');
      return issue.expected === 'number' ? t('error.number') : t('error.invalid');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('error.required');
      if (issue.origin === 'array') return t('error.chooseAtLeast', { min: issue.minimum });
      return t('error.tooSmall', { min: issue.minimum });
    case 'too_big':
      if (issue.origin === 'string') return t('error.tooLong', { max: issue.maximum });
      if (issue.origin === 'array') return t('error.chooseAtMost', { max: issue.maximum });
      return t('error.tooBig', { max: issue.maximum });
    case 'invalid_format':
      return issue.format === 'email' ? t('error.email') : t('error.format');
    case 'invalid_value':
      return t('error.choose');
    default:
      return t('error.invalid');
  }
}

/** zod issues as field errors; the first issue of a field wins. */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[], t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path.map(String).join('.'));
    errors[field] ??= issueMessage(issue, t);
  }
  return errors;
}

/**
 * A refusal a person can fix on the form — 400 or 409 from a service, or a 403 that names its field
 * (a wrong current password) — as field errors: the details that name a field go beside it; the error
 * itself, in words known for its code, above the form.
 * Anything else is not a form error (undefined): the page error handler shows it.
 */
export function errorsFromError(err: unknown, t: Translate): FieldErrors | undefined {
  if (err instanceof ZodError) return errorsFromIssues(err.issues, t);
  if (!(err instanceof AppError)) return undefined;
  const details = Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [];
  const fixable =
    err.httpStatus === 400 || err.httpStatus === 409 || (err.httpStatus === 403 && details.length > 0);
  if (!fixable) return undefined;
  const errors: FieldErrors = {};
  for (const d of details) {
    const known = knownKey(d.message);
    errors[fieldOf(d.path)] ??= known ? t(known) : t('error.invalid');
  }
  const codeKey = `error.code.${err.code}`;
  if (t.has(codeKey) || details.length === 0) {
    errors[FORM_ERROR] = t.has(codeKey) ? t(codeKey) : t('error.notDone');
  }
  return errors;
}

export type Submitted<R> = { ok: true; result: R } | { ok: false; errors: FieldErrors; status: number };

/**
 * Validates `input` with the API's schema and runs the service with the parsed value. Refusals a
 * person can fix come back as field errors; any other failure is thrown to the page error handler.
 */
export async function submitForm<S extends ZodType, R>(
  schema: S,
  input: unknown,
  t: Translate,
  run: (valid: z.output<S>) => Promise<R>,
): Promise<Submitted<R>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: errorsFromIssues(parsed.error.issues, t), status: 400 };
  try {
    return { ok: true, result: await run(parsed.data) };
  } catch (err) {
    const errors = errorsFromError(err, t);
    if (errors) return { ok: false, errors, status: err instanceof AppError ? err.httpStatus : 400 };
    throw err;
  }
}

/** Re-renders a form after a refusal (400 or 409), the entered values kept, each error by its field. */
export function renderFormErrors(
  res: Response,
  view: string,
  failed: { errors: FieldErrors; status: number },
  data: { values: Record<string, unknown> } & Record<string, unknown>,
): void {
  res.status(failed.status).render(view, { ...data, errors: failed.errors });
}

/** A service view flattened to dotted field names, to fill an edit form ("availability.windows.0.to"). */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}) {
  if (value instanceof Date) out[prefix] = value.toISOString().slice(0, 10);
  else if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    out[prefix] = value;
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) flatten(v, `${prefix}.${i}`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== null && value !== undefined) out[prefix] = value;
  return out;
}
