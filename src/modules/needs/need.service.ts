import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff, postingOrganisation } from '../../lib/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { type KeysetPage, keepsEveryRow, readPage } from '../../lib/keyset';
import { containing } from '../../lib/search-text';
import { userDisplayNames } from '../accounts/user-records.service';
import { recordAudit } from '../audit/audit.service';
import {
  getOrganisationRecord,
  getOrganisationRecords,
  organisationExists,
  organisationIdsNamed,
} from '../organisations/organisation-records.service';
import { enqueueRank } from '../ranking/ranking.jobs';
import { matchableFilter } from './matchable.service';
import { NEED_HISTORY_LIMIT, Need, type NeedRecord, type NeedStatus, TITLE_LEVELS } from './need.model';
import {
  type CreateNeedBody,
  type ListNeedsQuery,
  type NeedChangeField,
  type NeedView,
  type PublicNeedView,
  SERIES_MESSAGE,
  type UpdateNeedBody,
} from './need.schemas';
import { skillScopesOf, toNeedChanges, toNeedView, toPublicNeedView } from './need-view';

/**
 * Statuses in which the employer or the office may still change what the need asks for: a published
 * need too, while it still wants experts (the match workflow then withdraws what no longer fits).
 */
export const EDITABLE_STATUSES: readonly NeedStatus[] = ['draft', 'open', 'matching', 'partially_filled'];

const notFound = () => new NotFoundError('Need');

/**
 * The filter of needs the actor may see: staff all, an employer its organisation's, an expert the
 * public board (matchable needs). Anything else sees nothing.
 */
export async function needScope(actor: Actor): Promise<Record<string, unknown> | null> {
  if (isStaff(actor)) return {};
  if (actor.role === 'employer')
    return actor.organisationId ? { organisationId: actor.organisationId } : null;
  if (actor.role === 'expert') return matchableFilter();
  return null;
}

export async function loadVisibleNeed(actor: Actor, id: string): Promise<NeedRecord> {
  const scope = await needScope(actor);
  if (!scope) throw notFound();
  const need = await Need.findOne({ $and: [scope, { _id: id }] }).lean<NeedRecord>();
  if (!need) throw notFound();
  return need;
}

/** One need as its employer and staff see it, with its edits and who made them. */
export async function needWithChanges(need: NeedRecord): Promise<NeedView> {
  const authors = [...new Set((need.changes ?? []).map((c) => String(c.byUserId)))];
  const names = authors.length > 0 ? await userDisplayNames(authors) : new Map<string, string>();
  return { ...toNeedView(need), changes: toNeedChanges(need, names) };
}

async function viewFor(actor: Actor, need: NeedRecord) {
  if (actor.role !== 'expert') return needWithChanges(need);
  const org = await getOrganisationRecord(need.organisationId);
  if (!org) throw notFound();
  return toPublicNeedView(need, org);
}

export async function getNeed(actor: Actor, id: string) {
  return viewFor(actor, await loadVisibleNeed(actor, id));
}

/** A draft need; opening it is a separate step (the organisation must be verified by then). */
export async function createNeed(actor: Actor, body: CreateNeedBody) {
  const { organisationId: requested, ...fields } = body;
  const organisationId = postingOrganisation(actor, requested, 'a need');
  if (!(await organisationExists(organisationId))) throw new NotFoundError('Organisation');
  const created = await Need.create({
    ...fields,
    organisationId,
    skillScopes: skillScopesOf(fields.field, [...fields.mustHaveSkills, ...fields.niceToHaveSkills]),
    status: 'draft',
    createdBy: actor.userId,
  });
  const need = created.toObject() as NeedRecord;
  if (isStaff(actor)) {
    await recordAudit(actor, 'need.create', { type: 'need', id: String(need._id) }, { organisationId });
  }
  return needWithChanges(need);
}

/** A value as the history keeps it: plain data with sorted keys, null for none. */
function stored(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(stored);
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, stored(v)]),
    );
  }
  return value;
}

/** The fields whose value the edit really changes, each with its value before and after. */
function changedFields(current: NeedRecord, changes: UpdateNeedBody) {
  return Object.entries(changes).flatMap(([field, value]) => {
    const before = stored((current as Record<string, unknown>)[field]);
    const after = stored(value);
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: field as NeedChangeField, before, after }];
  });
}

function checkLevels(current: NeedRecord, changes: UpdateNeedBody): void {
  const titleLevel = changes.minTitleLevel === undefined ? current.minTitleLevel : changes.minTitleLevel;
  const skillLevel = changes.minSkillLevel === undefined ? current.minSkillLevel : changes.minSkillLevel;
  if (!titleLevel && !skillLevel) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'body.minTitleLevel', message: 'name a minimum title level and/or a minimum skill level' },
    ]);
  }
  const titleSeries = changes.minTitleSeries === undefined ? current.minTitleSeries : changes.minTitleSeries;
  if (titleSeries && !titleLevel) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'body.minTitleSeries', message: SERIES_MESSAGE },
    ]);
  }
}

/** An edit as stored: the need before and after it, and the fields it changed (none: nothing written). */
export interface NeedEdit {
  before: NeedRecord;
  after: NeedRecord;
  changed: NeedChangeField[];
}

/**
 * Changes a need that still wants experts (draft, open, matching, partially filled) and records the
 * edit in its history: who, when, each field before and after. The update is conditional on the
 * version read, so a concurrent change (another edit, an expert's yes) is a 409 with nothing written.
 * A published need is ranked again. What no longer fits is the match workflow's part (need-change.service.ts).
 */
export async function changeNeed(
  ctx: Context,
  actor: Actor,
  id: string,
  changes: UpdateNeedBody,
): Promise<NeedEdit> {
  const current = await loadVisibleNeed(actor, id);
  if (actor.role === 'expert') throw notFound();
  if (!EDITABLE_STATUSES.includes(current.status)) {
    throw new ConflictError(
      `A need that is ${current.status} can no longer be edited.`,
      'NEED_NOT_EDITABLE',
      {
        status: current.status,
      },
    );
  }
  checkLevels(current, changes);
  const fields = changedFields(current, changes);
  if (fields.length === 0) return { before: current, after: current, changed: [] };
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const { field, after } of fields) {
    if (after === null) $unset[field] = 1;
    else $set[field] = (changes as Record<string, unknown>)[field];
  }
  if (changes.field || changes.mustHaveSkills || changes.niceToHaveSkills) {
    const skills = [
      ...(changes.mustHaveSkills ?? current.mustHaveSkills),
      ...(changes.niceToHaveSkills ?? current.niceToHaveSkills),
    ];
    $set.skillScopes = skillScopesOf(changes.field ?? current.field, skills);
  }
  const entry = { at: new Date(), byUserId: actor.userId, byRole: actor.role, fields };
  const updated = await Need.findOneAndUpdate(
    { _id: id, organisationId: current.organisationId, status: current.status, updatedAt: current.updatedAt },
    {
      $set,
      ...(Object.keys($unset).length ? { $unset } : {}),
      $push: { changes: { $each: [entry], $slice: -NEED_HISTORY_LIMIT } },
    },
    { returnDocument: 'after' },
  ).lean<NeedRecord>();
  if (!updated)
    throw new ConflictError('The need changed meanwhile; reload and try again.', 'CONCURRENT_UPDATE');
  const changed = fields.map((f) => f.field);
  if (isStaff(actor)) {
    await recordAudit(actor, 'need.update', { type: 'need', id }, { fields: changed });
  }
  // A published need that changed is ranked again (a draft is ranked when it opens).
  if (updated.status !== 'draft') await enqueueRank(ctx, id, 'need changed');
  return { before: current, after: updated, changed };
}

const SORTS: Record<ListNeedsQuery['sort'], Record<string, 1 | -1>> = {
  '-createdAt': { createdAt: -1, _id: -1 },
  createdAt: { createdAt: 1, _id: 1 },
  title: { title: 1, _id: 1 },
  '-title': { title: -1, _id: -1 },
  from: { 'period.from': 1, _id: 1 },
  '-from': { 'period.from': -1, _id: -1 },
  '-priority': { priority: -1, createdAt: -1, _id: -1 },
};

async function filtersOf(actor: Actor, query: ListNeedsQuery): Promise<Record<string, unknown>> {
  const staffOnly = (['organisationId', 'employer'] as const).filter(
    (key) => query[key] !== undefined && !isStaff(actor),
  );
  if (staffOnly.length > 0) {
    throw new ValidationError(
      'Some fields are not valid.',
      staffOnly.map((key) => ({ path: `query.${key}`, message: 'staff only' })),
    );
  }
  if (query.priority !== undefined && actor.role === 'expert') {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'query.priority', message: 'not available' },
    ]);
  }
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.field) filter.skillScopes = query.field;
  if (query.county) filter.county = query.county;
  if (query.mode) filter.mode = query.mode;
  if (query.priority !== undefined) filter.priority = query.priority;
  if (query.q) filter.title = containing(query.q);
  if (query.titleLevel) {
    // Levels run from full_senior (index 0) down: a title meets its own level and every one below.
    filter.minTitleLevel = { $in: TITLE_LEVELS.slice(TITLE_LEVELS.indexOf(query.titleLevel)) };
  }
  const byOrganisation: Record<string, unknown>[] = [];
  if (query.organisationId) byOrganisation.push({ organisationId: query.organisationId });
  if (query.employer)
    byOrganisation.push({ organisationId: { $in: await organisationIdsNamed(query.employer) } });
  return byOrganisation.length > 0 ? { $and: [filter, ...byOrganisation] } : filter;
}

/**
 * What a list row shows (need-view.ts) and nothing more: no edit history, search scopes or bookkeeping
 * fields, which a page of twenty would otherwise read, decode and drop.
 */
const LIST_FIELDS = [
  'organisationId',
  'title',
  'description',
  'field',
  'mustHaveSkills',
  'mustHaveMatch',
  'niceToHaveSkills',
  'minTitleLevel',
  'minTitleSeries',
  'minSkillLevel',
  'mode',
  'county',
  'period',
  'daysPerMonth',
  'expertsWanted',
  'filledCount',
  'offer',
  'status',
  'openedAt',
  'employerApproval',
  'priority',
  'nominationId',
  'createdAt',
  'updatedAt',
].join(' ');

/**
 * Needs the actor may see, filtered: by page number (with the total) or from a cursor (keyset.ts).
 * Staff see every status; experts see the public board.
 */
export async function listNeeds(
  actor: Actor,
  query: ListNeedsQuery,
): Promise<KeysetPage<NeedView | PublicNeedView>> {
  const { page, pageSize } = query;
  const scope = await needScope(actor);
  if (!scope) return { items: [], page, pageSize, total: 0, next: null, prev: null };
  const found = await readPage(
    { $and: [scope, await filtersOf(actor, query)] },
    { sortName: query.sort, sort: SORTS[query.sort], page, pageSize, cursor: query.cursor },
    (filter, sort, skip, limit) =>
      Need.find(filter).select(LIST_FIELDS).sort(sort).skip(skip).limit(limit).lean<NeedRecord[]>(),
    // Counting every need reads them all; the collection's own count answers at once.
    (filter) => (keepsEveryRow(filter) ? Need.estimatedDocumentCount() : Need.countDocuments(filter)),
  );
  const needs = found.items;
  if (actor.role !== 'expert') return { ...found, items: needs.map(toNeedView) };
  const orgs = await getOrganisationRecords(needs.map((n) => n.organisationId));
  const byId = new Map(orgs.map((o) => [String(o._id), o]));
  const items = needs.flatMap((n) => {
    const org = byId.get(String(n.organisationId));
    return org ? [toPublicNeedView(n, org)] : [];
  });
  return { ...found, items };
}

/** The matchable rule lives beside the board's scope; re-exported here for the match workflow. */
export { findMatchableNeeds, isMatchable, MATCHABLE_STATUSES } from './matchable.service';
