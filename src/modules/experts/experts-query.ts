import { Types } from 'mongoose';
import { type Actor, isStaff } from '../../lib/actor';
import { ValidationError } from '../../lib/errors';
import { type KeysetPage, keepsEveryRow, readPage } from '../../lib/keyset';
import { startingWith } from '../../lib/search-text';
import { contactVisibleExpertIds } from '../matches/match-queries.service';
import { Expert, type ExpertRecord } from './expert.model';
import { atLeast, SKILL_LEVELS, TITLE_LEVELS } from './expert-levels';
import { type ExpertView, toExpertView, type Viewer } from './expert-view';
import type { ListExpertsFilter } from './experts.schemas';
import { searchKey } from './name-keys';

type Filter = Record<string, unknown>;

/** What the actor may list at all: staff everything, employers the active pool, an expert only themself. */
function scopeOf(actor: Actor): Filter {
  if (isStaff(actor)) return {};
  if (actor.role === 'employer') return { status: 'active' };
  if (actor.role === 'expert' && actor.expertId) {
    return { _id: new Types.ObjectId(actor.expertId), status: { $ne: 'deleted' } };
  }
  // Nobody else has a pool to list: a filter no document meets.
  return { _id: { $exists: false } };
}

/** Available on a day: inside one window, not a blocked date nor inside a blocked period, not paused. */
export function availableOnFilter(day: string): Filter {
  const around = { $elemMatch: { from: { $lte: day }, to: { $gte: day } } };
  return {
    status: 'active',
    'availability.paused': { $ne: true },
    'availability.windows': around,
    'availability.blockedDates': { $ne: day },
    'availability.blockedPeriods': { $not: around },
  };
}

export function listFilter(actor: Actor, f: ListExpertsFilter): Filter {
  const and: Filter[] = [scopeOf(actor)];
  if (f.status) and.push({ status: f.status });
  if (f.field) and.push({ taxonomyCodes: f.field });
  if (f.county) and.push({ residenceCounty: f.county });
  if (f.mode) and.push({ modes: f.mode });
  if (f.availableOn) and.push(availableOnFilter(f.availableOn));
  const qualified: Filter[] = [];
  if (f.minTitleLevel) qualified.push({ 'title.level': { $in: atLeast(TITLE_LEVELS, f.minTitleLevel) } });
  if (f.minSkillLevel) qualified.push({ skillLevel: { $in: atLeast(SKILL_LEVELS, f.minSkillLevel) } });
  if (qualified.length > 0) and.push({ $or: qualified });
  return { $and: and };
}

/** Sort by the requested key, then _id in the same direction, so pages never overlap. */
export function sortOf(sort: ListExpertsFilter['sort']): Record<string, 1 | -1> {
  const dir = sort.startsWith('-') ? -1 : 1;
  return { [sort.replace(/^-/, '')]: dir, _id: dir };
}

/**
 * A name typed in a search box: a prefix of one of the name's keys (name-keys.ts), so "德明", "xiangde"
 * and "xdm" all find 向德明 through the index of the keys.
 */
export function nameFilter(q: string): Filter | undefined {
  const key = searchKey(q);
  return key ? { nameKeys: startingWith(key) } : undefined;
}

function searchFilter(actor: Actor, f: ListExpertsFilter): Filter {
  const filter = listFilter(actor, f);
  if (f.q === undefined) return filter;
  if (!isStaff(actor)) {
    throw new ValidationError('Some fields are not valid.', [{ path: 'query.q', message: 'staff only' }]);
  }
  const byName = nameFilter(f.q);
  // Text without a letter or character to search by finds nobody, rather than everybody.
  return { $and: [filter, byName ?? { _id: { $exists: false } }] };
}

export async function listExperts(actor: Actor, f: ListExpertsFilter): Promise<KeysetPage<ExpertView>> {
  const found = await readPage(
    searchFilter(actor, f),
    { sortName: f.sort, sort: sortOf(f.sort), page: f.page, pageSize: f.pageSize, cursor: f.cursor },
    (filter, sort, skip, limit) =>
      Expert.find(filter).sort(sort).skip(skip).limit(limit).select('-nameKeys').lean<ExpertRecord[]>(),
    // Counting every expert reads them all; the collection's own count answers at once.
    (filter) => (keepsEveryRow(filter) ? Expert.estimatedDocumentCount() : Expert.countDocuments(filter)),
  );
  const docs = found.items;
  const visible =
    actor.role === 'employer'
      ? await contactVisibleExpertIds(
          actor.organisationId,
          docs.map((d) => d._id),
        )
      : new Set<string>();
  const viewerOf = (d: ExpertRecord): Viewer => {
    if (actor.role === 'employer') return { kind: 'employer', contactVisible: visible.has(String(d._id)) };
    return isStaff(actor) ? { kind: 'staff' } : { kind: 'owner' };
  };
  return { ...found, items: docs.map((d) => toExpertView(d, viewerOf(d))) };
}
