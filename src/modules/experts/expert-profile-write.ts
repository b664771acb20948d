import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ValidationError } from '../../lib/errors';
import { getNode } from '../taxonomy/taxonomy.service';
import type { ExpertRecord } from './expert.model';
import type { ProfileInput, UpdateExpertInput } from './experts.schemas';

/** Turns validated profile input into what is stored: nulls dropped, derived fields computed. */

const NESTED = new Set(['availability', 'travel', 'expectations']);
const NOT_STORED = new Set(['healthConsent', 'consent', 'password']);

/** Every code with all its ancestors, so a filter on a field finds the skills below it. */
export function closeTaxonomy(codes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const code of codes) {
    for (let node = getNode(code); node; node = node.parent ? getNode(node.parent) : undefined)
      out.add(node.code);
  }
  return [...out].sort();
}

export function consentRecord(kind: 'profile' | 'health', textVersion: string, actor?: Actor) {
  const inPerson = actor !== undefined && isStaff(actor);
  return {
    kind,
    textVersion,
    at: new Date(),
    channel: inPerson ? ('in-person' as const) : ('web' as const),
    by: inPerson ? actor.userId : undefined,
  };
}

/** A health note is sensitive data: it is only accepted with its own consent, given now or before. */
export function checkHealthConsent(input: ProfileInput, current?: Pick<ExpertRecord, 'consents'>): void {
  if (input.healthNote === undefined || input.healthNote === null) return;
  const given = input.healthConsent || current?.consents?.some((c) => c.kind === 'health');
  if (!given) {
    throw new ValidationError('A health note needs its own consent.', [
      { path: 'body.healthConsent', message: 'required together with healthNote' },
    ]);
  }
}

const withoutNulls = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** The document of a new profile (consents are added by the caller). */
export function newProfileDocument(input: ProfileInput): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (NOT_STORED.has(key) || value === null || value === undefined) continue;
    doc[key] = NESTED.has(key) ? withoutNulls(value as Record<string, unknown>) : value;
  }
  doc.taxonomyCodes = closeTaxonomy([...(input.fields ?? []), ...(input.skills ?? [])]);
  if (input.availability?.paused) doc.status = 'paused';
  return doc;
}

export interface ProfileUpdate {
  set: Record<string, unknown>;
  unset: Record<string, 1>;
  /** Paths whose value differs from the stored one: audit details name these, never the values. */
  changed: string[];
}

function valueAt(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function profileUpdate(input: UpdateExpertInput, current: ExpertRecord): ProfileUpdate {
  const update: ProfileUpdate = { set: {}, unset: {}, changed: [] };
  const put = (path: string, value: unknown) => {
    if (value === null) update.unset[path] = 1;
    else update.set[path] = value;
    if (!same(valueAt(current, path), value)) update.changed.push(path);
  };
  for (const [key, value] of Object.entries(input)) {
    if (NOT_STORED.has(key) || value === undefined) continue;
    if (NESTED.has(key) && value !== null) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) put(`${key}.${sub}`, v);
    } else {
      put(key, value);
    }
  }
  if (input.fields || input.skills) {
    update.set.taxonomyCodes = closeTaxonomy([
      ...(input.fields ?? current.fields ?? []),
      ...(input.skills ?? current.skills ?? []),
    ]);
  }
  const paused = input.availability?.paused;
  if (paused !== undefined && current.status !== 'deleted') update.set.status = paused ? 'paused' : 'active';
  return update;
}
