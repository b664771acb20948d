import { type ClientSession, Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { type KeysetPage, readPage } from '../../lib/keyset';
import { expertLabels, getExpertRecords } from '../experts/expert-records.service';
import { getNeedRecords, needTitles } from '../needs/need-records.service';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import {
  CONTACT_VISIBLE_STATUSES,
  MATCH_STATUSES,
  Match,
  type MatchRecord,
  type MatchStatus,
} from './match.model';
import { HOLDING_STATUSES } from './match-transitions';
import { type MatchView, toMatchView } from './match-view';
import type { MATCH_SORTS } from './matches.schemas';

export type { MatchRecord, MatchStatus };
export { MATCH_STATUSES };

/** An expert sees their matches once an offer was made to them (not proposals under review). */
const EXPERT_VISIBLE: readonly MatchStatus[] = [
  'offered',
  'accepted',
  'declined',
  'expired',
  'engaged',
  'completed',
  'cancelled',
  'withdrawn',
];

/** Statuses in which a match has reached the employer: the office put the candidate forward. */
const EMPLOYER_VISIBLE: readonly MatchStatus[] = [
  'awaiting_employer',
  'offered',
  'accepted',
  'declined',
  'expired',
  'engaged',
  'completed',
  'withdrawn',
];

/**
 * An employer sees a match once the office put the candidate forward (to its approval, or as an
 * offer), including one that ended after that (rejected by the employer, cancelled); never a proposal
 * under the office's review, nor one the office turned down.
 */
const employerVisible = (organisationId: string) => ({
  organisationId,
  $or: [{ status: { $in: EMPLOYER_VISIBLE } }, { 'history.to': { $in: ['awaiting_employer', 'offered'] } }],
});

/**
 * The filter of matches the actor may see: staff all, an employer its organisation's once put
 * forward, an expert theirs once offered.
 */
export function matchScope(actor: Actor): Record<string, unknown> | null {
  if (isStaff(actor)) return {};
  if (actor.role === 'employer' && actor.organisationId) return employerVisible(actor.organisationId);
  if (actor.role === 'expert' && actor.expertId)
    return { expertId: actor.expertId, status: { $in: EXPERT_VISIBLE } };
  return null;
}

export interface ListMatchesQuery {
  needId?: string;
  expertId?: string;
  organisationId?: string;
  status?: MatchStatus;
  sort?: MatchSort;
  page: number;
  pageSize: number;
  cursor?: string;
}

type MatchSort = (typeof MATCH_SORTS)[number];

const SORTS: Record<MatchSort, Record<string, 1 | -1>> = {
  '-updatedAt': { updatedAt: -1, _id: -1 },
  updatedAt: { updatedAt: 1, _id: 1 },
  '-createdAt': { createdAt: -1, _id: -1 },
  createdAt: { createdAt: 1, _id: 1 },
};

async function views(actor: Actor, matches: MatchRecord[]): Promise<MatchView[]> {
  const ids = (key: 'expertId' | 'needId' | 'organisationId') => [
    ...new Set(matches.map((m) => String(m[key]))),
  ];
  const [experts, needs, orgs] = await Promise.all([
    getExpertRecords(ids('expertId')),
    getNeedRecords(ids('needId')),
    getOrganisationRecords(ids('organisationId')),
  ]);
  const by = <T extends { _id: unknown }>(list: T[]) => new Map(list.map((x) => [String(x._id), x]));
  const [e, n, o] = [by(experts), by(needs), by(orgs)];
  return matches.map((m) =>
    toMatchView(
      actor,
      m,
      e.get(String(m.expertId)),
      n.get(String(m.needId)),
      o.get(String(m.organisationId)),
    ),
  );
}

/**
 * Matches the actor may see, by need, expert, organisation and status: by page number (with the total)
 * or from a cursor (keyset.ts).
 */
export async function listMatches(actor: Actor, query: ListMatchesQuery): Promise<KeysetPage<MatchView>> {
  const { page, pageSize } = query;
  const scope = matchScope(actor);
  if (!scope) return { items: [], page, pageSize, total: 0, next: null, prev: null };
  const filter: Record<string, unknown> = {};
  if (query.needId) filter.needId = new Types.ObjectId(query.needId);
  if (query.expertId) filter.expertId = new Types.ObjectId(query.expertId);
  if (query.organisationId) filter.organisationId = new Types.ObjectId(query.organisationId);
  if (query.status) filter.status = query.status;
  const sortName = query.sort ?? '-updatedAt';
  const found = await readPage(
    { $and: [scope, filter] },
    { sortName, sort: SORTS[sortName], page, pageSize, cursor: query.cursor },
    (where, sort, skip, limit) => Match.find(where).sort(sort).skip(skip).limit(limit).lean<MatchRecord[]>(),
    (where) => Match.countDocuments(where),
  );
  return { ...found, items: await views(actor, found.items) };
}

export async function getMatch(actor: Actor, matchId: string): Promise<MatchView> {
  const scope = matchScope(actor);
  const match = scope ? await Match.findOne({ $and: [scope, { _id: matchId }] }).lean<MatchRecord>() : null;
  if (!match) throw new NotFoundError('Match');
  const [view] = await views(actor, [match]);
  return view;
}

/** Offers whose answer is due within this many days are "about to expire". */
export const EXPIRING_WITHIN_DAYS = 2;

/** Open offers about to expire, soonest first, with the names coordinators read (dashboard, digest). */
export async function listExpiringOffers(now: Date, limit: number) {
  const offers = await Match.find({
    status: 'offered',
    offerExpiresAt: { $gt: now, $lte: new Date(now.getTime() + EXPIRING_WITHIN_DAYS * 86_400_000) },
  })
    .sort({ offerExpiresAt: 1, _id: 1 })
    .limit(limit)
    .lean<MatchRecord[]>();
  const [experts, needTitle] = await Promise.all([
    expertLabels(offers.map((m) => m.expertId)),
    needTitles(offers.map((m) => m.needId)),
  ]);
  return offers.map((m) => ({
    id: String(m._id),
    expertName: experts.get(String(m.expertId))?.name ?? '—',
    needTitle: needTitle.get(String(m.needId)) ?? '—',
    expiresAt: m.offerExpiresAt ?? now,
  }));
}

/** What the ranking needs of experts' matches: need, employer, status and rating, by expert. */
export async function matchFactsOfExperts(
  expertIds: readonly unknown[],
): Promise<Map<string, Pick<MatchRecord, 'needId' | 'organisationId' | 'status' | 'rating'>[]>> {
  const filter: Record<string, unknown> = { expertId: { $in: expertIds } };
  const matches = await Match.find(filter)
    .select('expertId needId organisationId status rating')
    .lean<MatchRecord[]>();
  const byExpert = new Map<string, MatchRecord[]>();
  for (const m of matches) {
    const list = byExpert.get(String(m.expertId));
    if (list) list.push(m);
    else byExpert.set(String(m.expertId), [m]);
  }
  return byExpert;
}

/** For a batch run: the places held per need (a match in a holding status), and every pair tried. */
export async function matchesOfNeeds(
  needIds: readonly unknown[],
): Promise<{ held: Map<string, number>; pairs: Array<{ needId: string; expertId: string }> }> {
  const filter: Record<string, unknown> = { needId: { $in: needIds } };
  const matches = await Match.find(filter).select('needId expertId status').lean<MatchRecord[]>();
  const held = new Map<string, number>();
  for (const m of matches) {
    if (HOLDING_STATUSES.includes(m.status))
      held.set(String(m.needId), (held.get(String(m.needId)) ?? 0) + 1);
  }
  return { held, pairs: matches.map((m) => ({ needId: String(m.needId), expertId: String(m.expertId) })) };
}

/** The id of a candidate's open proposal on a need, if there is one. */
export async function openProposalId(needId: string, expertId: string): Promise<string | undefined> {
  const m = await Match.findOne({ needId, expertId, status: 'proposed' }).select('_id').lean<MatchRecord>();
  return m ? String(m._id) : undefined;
}

/** Organisations whose match with the expert lets them see the contact details, among these experts. */
export async function contactVisibleExpertIds(
  organisationId: string | undefined,
  expertIds: readonly unknown[],
): Promise<Set<string>> {
  if (!organisationId || expertIds.length === 0) return new Set();
  const filter: Record<string, unknown> = {
    organisationId,
    expertId: { $in: expertIds },
    status: { $in: CONTACT_VISIBLE_STATUSES },
  };
  const matches = await Match.find(filter).select('expertId').lean<Pick<MatchRecord, 'expertId'>[]>();
  return new Set(matches.map((m) => String(m.expertId)));
}

/** An expert's matches in one of these statuses (id and status), in id order. */
export async function expertMatchesIn(
  expertId: string,
  statuses: readonly MatchStatus[],
): Promise<Array<Pick<MatchRecord, '_id' | 'status'>>> {
  return Match.find({ expertId, status: { $in: statuses } })
    .select('status')
    .sort({ _id: 1 })
    .lean<Array<Pick<MatchRecord, '_id' | 'status'>>>();
}

/** Every match of an expert, oldest first (the expert's data export). */
export async function matchesOfExpert(expertId: string): Promise<MatchRecord[]> {
  return Match.find({ expertId }).sort({ createdAt: 1, _id: 1 }).lean<MatchRecord[]>();
}

/** Every match with what the government report counts (need, expert, status, history), in id order. */
export async function matchesForReport(): Promise<
  Pick<MatchRecord, '_id' | 'needId' | 'expertId' | 'status' | 'history'>[]
> {
  return Match.find().select('needId expertId status history').sort({ _id: 1 }).lean<MatchRecord[]>();
}

/** Whether the organisation has a match with the expert in one of these statuses. */
export async function organisationHasMatchWith(
  organisationId: string,
  expertId: string,
  statuses: readonly MatchStatus[],
  session?: ClientSession,
): Promise<boolean> {
  const match = await Match.exists({ organisationId, expertId, status: { $in: statuses } }).session(
    session ?? null,
  );
  return match !== null;
}

/** The expert and the need of matches by id, for lists that name them (an unknown id is left out). */
export async function matchParties(
  ids: readonly string[],
): Promise<Map<string, { expertId: string; needId: string }>> {
  if (ids.length === 0) return new Map();
  const found = await Match.find({ _id: { $in: ids } })
    .select('expertId needId')
    .lean<Pick<MatchRecord, '_id' | 'expertId' | 'needId'>[]>();
  return new Map(
    found.map((m) => [String(m._id), { expertId: String(m.expertId), needId: String(m.needId) }]),
  );
}
