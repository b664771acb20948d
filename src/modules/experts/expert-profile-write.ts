import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ValidationError } from '../../lib/errors';
import { getNode, resolveTitleName } from '../taxonomy/taxonomy.service';
import type { ExpertRecord } from './expert.model';
import {
  PREFERRED_NOT_ACCEPTED,
  type ProfileInput,
  type TitleInput,
  UNKNOWN_TITLE_NAME,
  type UpdateExpertInput,
} from './experts.schemas';

/** Turns validated profile input into what is stored: nulls dropped, derived fields computed. */

const NESTED = new Set(['availability', 'travel', 'expectations']);
const NOT_STORED = new Set(['healthConsent', 'consent', 'password', 'currentPassword']);

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

/** Preferred modes must be among the modes the expert accepts (those given now, else those stored). */
export function checkPreferredModes(input: ProfileInput, current?: Pick<ExpertRecord, 'modes'>): void {
  if (!input.preferredModes) return;
  const modes: readonly string[] = input.modes ?? current?.modes ?? [];
  if (input.preferredModes.some((m) => !modes.includes(m))) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'body.preferredModes', message: PREFERRED_NOT_ACCEPTED },
    ]);
  }
}

/**
 * The title as stored: a name fills the level and series left out (the schema has checked that it is
 * known and that what was given agrees with it). Stored titles therefore always have a level.
 */
export function completeTitle(title: TitleInput) {
  if (title.name === undefined) return title;
  const known = resolveTitleName(title.name);
  if (!known) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'body.title.name', message: UNKNOWN_TITLE_NAME },
    ]);
  }
  return { name: title.name, level: title.level ?? known.level, series: title.series ?? known.series };
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
  if (input.title) doc.title = completeTitle(input.title);
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
    } else if (key === 'title' && value !== null) {
      put(key, completeTitle(value as TitleInput));
    } else {
      put(key, value);
    }
  }
  // Modes changed alone: preferences the expert no longer accepts are dropped rather than refused.
  if (input.modes && input.preferredModes === undefined && current.preferredModes?.length) {
    const modes: readonly string[] = input.modes;
    const kept = current.preferredModes.filter((m) => modes.includes(m));
    if (kept.length !== current.preferredModes.length) put('preferredModes', kept);
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
