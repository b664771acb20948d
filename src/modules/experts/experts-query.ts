import { Types } from 'mongoose';
import { type Actor, isStaff } from '../../lib/actor';
import { contactVisibleExpertIds } from '../matches/match-queries.service';
import { Expert, type ExpertRecord } from './expert.model';
import { atLeast, SKILL_LEVELS, TITLE_LEVELS } from './expert-levels';
import { toExpertView, type Viewer } from './expert-view';
import type { ListExpertsFilter } from './experts.schemas';

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

export async function listExperts(actor: Actor, f: ListExpertsFilter) {
  const query = listFilter(actor, f);
  const [docs, total] = await Promise.all([
    Expert.find(query)
      .sort(sortOf(f.sort))
      .skip((f.page - 1) * f.pageSize)
      .limit(f.pageSize)
      .lean<ExpertRecord[]>(),
    Expert.countDocuments(query),
  ]);
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
  return { items: docs.map((d) => toExpertView(d, viewerOf(d))), page: f.page, pageSize: f.pageSize, total };
}
