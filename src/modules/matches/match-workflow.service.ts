import type { ClientSession, Types } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { chinaToday } from '../apartments/stay-dates';
import { recordAudit } from '../audit/audit.service';
import {
  type OutboxTransaction,
  type OutboxTransactionOptions,
  withOutbox,
} from '../email/outbox-transaction';
import { loadVisibleNeed } from '../needs/need.service';
import { getNeedRecord } from '../needs/need-records.service';
import { releasePlacement } from '../needs/need-status.service';
import { getCandidateSnapshot } from '../ranking/candidate-snapshot-records.service';
import { awaitingEmployerEmails } from './approval-emails';
import { endEngagement, releasePlace, reservePlace, touchExpert } from './expert-places';
import { Match, type MatchRecord, type MatchStatus } from './match.model';
import { withRecords } from './match-context';
import { coordinatorOf, withdrawnEmails } from './match-emails';
import { openProposalId } from './match-queries.service';
import { illegal, OPEN_STATUSES, PENDING_STATUSES, transition } from './match-transitions';
import {
  answerOffer,
  makeOffer,
  type OfferTimes,
  offerTimes,
  scheduleOffer,
  sendOffer,
} from './offer.service';
import { reroute } from './rerouting.service';

/** A coordinator proposes a candidate (usually from the need's ranked list). */
export async function proposeCandidate(actor: Actor, needId: string, expertId: string): Promise<MatchRecord> {
  const need = await loadVisibleNeed(actor, needId);
  const snapshot = await getCandidateSnapshot(needId);
  const candidate = snapshot?.candidates.find((c) => String(c.expertId) === expertId);
  if (!candidate) {
    throw new ConflictError('This expert is not on the need’s ranked candidate list.', 'NOT_A_CANDIDATE');
  }
  try {
    const { score, rank, contributions } = candidate;
    const input = { needId, expertId, organisationId: need.organisationId, score, rank, contributions };
    return await withTransaction((session) => createProposal(session, actor, input));
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw new ConflictError('This expert has already been proposed for this need.', 'ALREADY_PROPOSED');
    }
    throw err;
  }
}

/** What a proposal records: the expert, the need, and the explanation that put them forward. */
export interface ProposalInput {
  needId: string;
  expertId: string;
  organisationId: Types.ObjectId | string;
  score?: number;
  rank?: number;
  contributions?: unknown[];
}

/**
 * The proposal's record, its audit entry and the expert's touch, inside the caller's transaction (a
 * coordinator's proposal, or an open call's chosen application). A second proposal is error 11000.
 */
export async function createProposal(
  session: ClientSession,
  actor: Actor,
  input: ProposalInput,
): Promise<MatchRecord> {
  const { needId, expertId } = input;
  const [created] = await Match.create(
    [
      {
        needId,
        expertId,
        organisationId: input.organisationId,
        status: 'proposed',
        score: input.score,
        rank: input.rank,
        contributions: input.contributions ?? [],
        history: [
          { to: 'proposed', at: new Date(), byUserId: actor.userId, byRole: actor.role, channel: 'web' },
        ],
      },
    ],
    { session },
  );
  await touchExpert(expertId, session);
  const target = { type: 'match', id: String(created._id) };
  await recordAudit(actor, 'match.propose', target, { needId, expertId }, session);
  return created.toObject() as MatchRecord;
}

/** What a step may be given instead of its defaults; tests pass an outbox writer that fails. */
export type StepOptions = Pick<OutboxTransactionOptions, 'writeEmail'>;

/**
 * A coordinator confirms a proposal: the expert's place is reserved, then the employer is asked to
 * approve (when the need says so) or the offer goes out at once. One transaction: the place, the
 * transitions, the audit entry, the offer and its email are all written, or none is.
 */
export async function confirmMatch(
  ctx: Context,
  actor: Actor,
  matchId: string,
  options: StepOptions = {},
): Promise<MatchRecord> {
  const proposal = await Match.findById(matchId).select('needId').lean<MatchRecord>();
  if (!proposal) throw new NotFoundError('Match');
  await loadVisibleNeed(actor, String(proposal.needId));
  const times = offerTimes(ctx);
  const match = await withOutbox(ctx, (tx) => confirmProposal(ctx, tx, actor, matchId, times), options);
  if (match.status === 'offered') await scheduleOffer(ctx, matchId, times);
  return match;
}

/**
 * The confirmation inside the caller's transaction (see confirmMatch): the place, the transitions, the
 * audit entry, and the employer's approval request or the offer with its email. The caller schedules
 * the offer's deadlines after the commit.
 */
export async function confirmProposal(
  ctx: Context,
  tx: OutboxTransaction,
  actor: Actor,
  matchId: string,
  times: OfferTimes,
): Promise<MatchRecord> {
  const { session } = tx;
  const current = await Match.findById(matchId).session(session).lean<MatchRecord>();
  if (!current) throw new NotFoundError('Match');
  if (current.status !== 'proposed') throw illegal(current.status, 'confirmed');
  // The conditional transition first: a concurrent confirmation loses here, before it writes anything
  // else (on a replica set its transaction would conflict anyway; this keeps the loser's footprint nil).
  const confirmed = await transition({
    matchId,
    from: 'proposed',
    to: 'confirmed',
    actor,
    channel: 'web',
    session,
  });
  await reservePlace(String(current.expertId), session);
  await recordAudit(actor, 'match.confirm', { type: 'match', id: matchId }, undefined, session);
  const { need } = await withRecords(confirmed, session);
  if (need.employerApproval) {
    const waiting = await transition({
      matchId,
      from: 'confirmed',
      to: 'awaiting_employer',
      channel: 'system',
      session,
    });
    const about = await withRecords(waiting, session);
    for (const message of await awaitingEmployerEmails(ctx, about, new Date(), session)) {
      await tx.email(message);
    }
    return waiting;
  }
  return makeOffer(ctx, tx, matchId, times, actor);
}

/** The candidate's open proposal on the need, proposing them from the ranked list first if there is none. */
async function proposalFor(actor: Actor, needId: string, expertId: string): Promise<string> {
  return (
    (await openProposalId(needId, expertId)) ?? String((await proposeCandidate(actor, needId, expertId))._id)
  );
}

/** A coordinator confirms a ranked candidate in one go: proposed if not yet, then confirmed (see confirmMatch). */
export async function confirmCandidate(
  ctx: Context,
  actor: Actor,
  needId: string,
  expertId: string,
): Promise<MatchRecord> {
  return confirmMatch(ctx, actor, await proposalFor(actor, needId, expertId));
}

/** A coordinator turns a ranked candidate down in one go, with a reason (see rejectMatch). */
export async function rejectCandidate(
  ctx: Context,
  actor: Actor,
  needId: string,
  expertId: string,
  reason: string,
): Promise<MatchRecord> {
  return rejectMatch(ctx, actor, await proposalFor(actor, needId, expertId), reason);
}

/** A coordinator turns a proposal down; the expert is not proposed for this need again. */
export async function rejectMatch(
  ctx: Context,
  actor: Actor,
  matchId: string,
  reason: string,
): Promise<MatchRecord> {
  const rejected = await withTransaction(async (session) => {
    const m = await transition({
      matchId,
      from: 'proposed',
      to: 'rejected',
      actor,
      channel: 'web',
      reason,
      session,
    });
    await touchExpert(String(m.expertId), session);
    await recordAudit(actor, 'match.reject', { type: 'match', id: matchId }, undefined, session);
    return m;
  });
  await reroute(ctx, String(rejected.needId));
  return rejected;
}

/** The employer approves the candidate (the offer goes out) or turns them down (re-routed). */
export async function employerDecision(
  ctx: Context,
  actor: Actor,
  matchId: string,
  decision: { approve: boolean; reason?: string },
): Promise<MatchRecord> {
  const scope = isStaff(actor) ? {} : { organisationId: actor.organisationId };
  const match = await Match.findOne({ _id: matchId, ...scope }).lean<MatchRecord>();
  if (!match) throw new NotFoundError('Match');
  if (decision.approve) return sendOffer(ctx, matchId, actor);
  const rejected = await withTransaction(async (session) => {
    const m = await transition({
      matchId,
      from: 'awaiting_employer',
      to: 'rejected',
      actor,
      channel: 'web',
      reason: decision.reason,
      scope,
      session,
    });
    await releasePlace(String(m.expertId), session);
    return m;
  });
  await reroute(ctx, String(rejected.needId));
  return rejected;
}

/** Expert (their own offer) or coordinator (an answer given by phone or in person). */
export async function recordAnswer(
  ctx: Context,
  actor: Actor,
  matchId: string,
  body: { answer: 'accept' | 'decline'; reason?: string; channel?: 'phone' | 'in-person' },
): Promise<MatchRecord> {
  if (isStaff(actor)) {
    const channel = body.channel ?? 'phone';
    return answerOffer(ctx, matchId, body.answer, {
      actor,
      channel,
      reason: body.reason,
      within: (session) =>
        recordAudit(
          actor,
          'match.answer',
          { type: 'match', id: matchId },
          { answer: body.answer, channel },
          session,
        ),
    });
  }
  return answerOffer(ctx, matchId, body.answer, {
    actor,
    channel: 'web',
    reason: body.reason,
    scope: { expertId: actor.expertId },
  });
}

/**
 * The engagement is over: the employer's rating and comment feed later scores, and the day it really
 * ended is recorded (given, or today in China). It cannot end before the need's period starts: asked
 * before that day, the answer is 409 SERVICE_NOT_STARTED; a given end date before it is a 400.
 */
export async function completeMatch(
  actor: Actor,
  matchId: string,
  body: { rating: number; comment?: string; endedOn?: string },
): Promise<MatchRecord> {
  const scope = isStaff(actor) ? {} : { organisationId: actor.organisationId };
  const today = chinaToday();
  const endedOn = body.endedOn ?? today;
  if (endedOn > today) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'body.endedOn', message: 'the end date cannot be after today' },
    ]);
  }
  return withTransaction(async (session) => {
    const current = await Match.findOne({ _id: matchId, ...scope })
      .session(session)
      .lean<MatchRecord>();
    if (!current) throw new NotFoundError('Match');
    if (current.status !== 'engaged') throw illegal(current.status, 'completed');
    const startsOn = (await getNeedRecord(current.needId, session))?.period?.from;
    if (startsOn && today < startsOn) {
      throw new ConflictError(
        `The service starts on ${startsOn}; it cannot be completed before it has started.`,
        'SERVICE_NOT_STARTED',
        { startsOn },
      );
    }
    if (startsOn && endedOn < startsOn) {
      throw new ValidationError('Some fields are not valid.', [
        { path: 'body.endedOn', message: `the service started on ${startsOn}; it cannot end before that` },
      ]);
    }
    const completed = await transition({
      matchId,
      from: 'engaged',
      to: 'completed',
      actor,
      channel: 'web',
      scope,
      set: { rating: body.rating, ratingComment: body.comment, endedOn },
      session,
    });
    await endEngagement(String(completed.expertId), session);
    if (isStaff(actor)) {
      await recordAudit(actor, 'match.complete', { type: 'match', id: matchId }, { endedOn }, session);
    }
    return completed;
  });
}

/**
 * Gives back what a match that ends early (cancelled, withdrawn) held: a pending offer's place on the
 * expert, or an engagement and its place on the need. Returns the status the match left.
 */
export async function releaseHeld(m: MatchRecord, session: ClientSession): Promise<MatchStatus | undefined> {
  const left = m.history[m.history.length - 1]?.from as MatchStatus | undefined;
  const expertId = String(m.expertId);
  if (left && PENDING_STATUSES.includes(left)) await releasePlace(expertId, session);
  if (left === 'engaged') {
    await endEngagement(expertId, session);
    await releasePlacement(String(m.needId), session);
  }
  await touchExpert(expertId, session);
  return left;
}

/** A coordinator cancels a match in play, freeing what it held; a lost place is re-routed. */
export async function cancelMatch(
  ctx: Context,
  actor: Actor,
  matchId: string,
  reason: string,
): Promise<MatchRecord> {
  const cancelled = await withTransaction(async (session) => {
    const m = await transition({
      matchId,
      from: OPEN_STATUSES,
      to: 'cancelled',
      actor,
      channel: 'web',
      reason,
      session,
    });
    const left = await releaseHeld(m, session);
    await recordAudit(actor, 'match.cancel', { type: 'match', id: matchId }, { from: left }, session);
    return m;
  });
  await reroute(ctx, String(cancelled.needId));
  return cancelled;
}

/** Statuses from which an expert may step back: they said yes, so the employer counts on them. */
export const WITHDRAWABLE_STATUSES: readonly MatchStatus[] = ['accepted', 'engaged'];

/**
 * The expert steps back from a job they accepted or started, with a reason (or a coordinator records
 * it, told by phone). One transaction: the withdrawal with its history, the places it held, and the
 * emails to the employer and to the coordinator who confirmed it; then the need is re-routed.
 */
export async function withdrawMatch(
  ctx: Context,
  actor: Actor,
  matchId: string,
  reason: string,
): Promise<MatchRecord> {
  const staff = isStaff(actor);
  const at = new Date();
  const withdrawn = await withOutbox(ctx, async ({ session, email }) => {
    const m = await transition({
      matchId,
      from: WITHDRAWABLE_STATUSES,
      to: 'withdrawn',
      actor,
      channel: staff ? 'phone' : 'web',
      reason,
      scope: staff ? {} : { expertId: actor.expertId },
      session,
    });
    const left = await releaseHeld(m, session);
    if (staff) {
      await recordAudit(actor, 'match.withdraw', { type: 'match', id: matchId }, { from: left }, session);
    }
    const about = await withRecords(m, session);
    const coordinator = await coordinatorOf(m, session);
    for (const e of withdrawnEmails(ctx, about, coordinator, { erased: false, at, reason })) await email(e);
    return m;
  });
  await reroute(ctx, String(withdrawn.needId));
  return withdrawn;
}

/** What cancelInPlay hands the caller's own steps, inside the cancellation's transaction. */
export interface CancelledInPlay {
  match: MatchRecord;
  /** The status the match left. */
  left: MatchStatus | undefined;
  tx: OutboxTransaction;
}

/**
 * Cancels one match through the lifecycle in one transaction with what it held and the caller's own
 * steps (`then`: the audit entry, the emails). Null when the match is no longer in one of `from` (it
 * moved on meanwhile, or an earlier run cancelled it) or is gone: the caller leaves it as it is.
 */
export async function cancelInPlay(
  ctx: Context,
  input: { matchId: string; actor: Actor; reason: string; from?: readonly MatchStatus[] },
  then: (cancelled: CancelledInPlay) => Promise<void>,
): Promise<MatchRecord | null> {
  return withOutbox(ctx, async (tx) => {
    const m = await transition({
      matchId: input.matchId,
      from: input.from ?? OPEN_STATUSES,
      to: 'cancelled',
      actor: input.actor,
      channel: 'web',
      reason: input.reason,
      session: tx.session,
    }).catch((err: unknown) => {
      if (err instanceof AppError && (err.httpStatus === 409 || err.httpStatus === 404)) return null;
      throw err;
    });
    if (!m) return null;
    await then({ match: m, left: await releaseHeld(m, tx.session), tx });
    return m;
  });
}

/** The match's need, organisation and expert, or null when the need or organisation is gone. */
export async function recordsIfAny(m: MatchRecord, session: ClientSession) {
  return withRecords(m, session).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
}

/** The expert deleted their data: what is recorded in each cancelled match's history. */
export const ERASURE_REASON = 'expert deleted their data';

/** Statuses in which the employer already knows the expert, so hears that they are gone. */
const EMPLOYER_KNOWS: readonly MatchStatus[] = ['awaiting_employer', 'offered', 'accepted', 'engaged'];

/**
 * One match of an expert who deleted their data is cancelled through the lifecycle, in one
 * transaction with what it held and the emails (which name nobody); then the need is re-routed.
 * False when the match is no longer in play (ended meanwhile, or by an earlier run of the erasure).
 */
export async function cancelForErasure(ctx: Context, actor: Actor, matchId: string): Promise<boolean> {
  const at = new Date();
  const input = { matchId, actor, reason: ERASURE_REASON };
  const cancelled = await cancelInPlay(ctx, input, async ({ match: m, left, tx }) => {
    if (left === 'proposed') return; // a proposal under review: nobody outside the office knew
    // a match whose need or organisation is gone has nobody left to tell
    const about = await recordsIfAny(m, tx.session);
    if (!about) return;
    const coordinator = await coordinatorOf(m, tx.session);
    const emails = withdrawnEmails(ctx, about, coordinator, { erased: true, at });
    const told = left && EMPLOYER_KNOWS.includes(left) ? emails : emails.slice(1);
    for (const e of told) await tx.email(e);
  });
  if (!cancelled) return false;
  await reroute(ctx, String(cancelled.needId));
  return true;
}
