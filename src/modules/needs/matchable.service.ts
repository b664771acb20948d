import {
  getOrganisationRecord,
  type OrganisationRecord,
  verifiedOrganisationIds,
} from '../organisations/organisation-records.service';
import { Need, type NeedRecord, type NeedStatus } from './need.model';

/** Statuses in which a need still wants experts. */
export const MATCHABLE_STATUSES: readonly NeedStatus[] = ['open', 'matching', 'partially_filled'];

/**
 * The rule the match workflow relies on: a need is matchable while it wants experts and its
 * organisation is verified (an organisation sent back to pending or rejected stops matching).
 */
export function isMatchable(
  need: Pick<NeedRecord, 'status'>,
  org: Pick<OrganisationRecord, 'status'> | null | undefined,
): boolean {
  return MATCHABLE_STATUSES.includes(need.status) && org?.status === 'verified';
}

export { verifiedOrganisationIds };

/** The filter of matchable needs; combine it with more conditions where needed. */
export async function matchableFilter(): Promise<Record<string, unknown>> {
  return { status: { $in: MATCHABLE_STATUSES }, organisationId: { $in: await verifiedOrganisationIds() } };
}

/**
 * Every matchable need, priority (quota-nominated) needs first, then oldest opened first, so a
 * batch run serves nominated needs before the others.
 */
export async function findMatchableNeeds(
  options: { needIds?: string[]; organisationId?: string; limit?: number } = {},
): Promise<NeedRecord[]> {
  const filter = await matchableFilter();
  if (options.needIds) filter._id = { $in: options.needIds };
  if (options.organisationId) filter.$and = [{ organisationId: options.organisationId }];
  const query = Need.find(filter).sort({ priority: -1, openedAt: 1, _id: 1 });
  if (options.limit) query.limit(options.limit);
  return query.lean<NeedRecord[]>();
}

/** One need with its organisation, and whether it is matchable now. */
export async function loadMatchableNeed(needId: string) {
  const need = await Need.findById(needId).lean<NeedRecord>();
  if (!need) return null;
  const org = await getOrganisationRecord(need.organisationId);
  return { need, organisation: org, matchable: isMatchable(need, org) };
}
