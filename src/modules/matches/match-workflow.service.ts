import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { type OutboxTransactionOptions, withOutbox } from '../email/outbox-transaction';
import { loadVisibleNeed } from '../needs/need.service';
import { releasePlacement } from '../needs/need-status.service';
import { getCandidateSnapshot } from '../ranking/candidate-snapshot-records.service';
import { endEngagement, releasePlace, reservePlace, touchExpert } from './expert-places';
import { Match, type MatchRecord, type MatchStatus } from './match.model';
import { withRecords } from './match-context';
import { openProposalId } from './match-queries.service';
import { illegal, OPEN_STATUSES, PENDING_STATUSES, transition } from './match-transitions';
import { answerOffer, makeOffer, offerTimes, scheduleOffer, sendOffer } from './offer.service';
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
    return await withTransaction(async (session) => {
      const [created] = await Match.create(
        [
          {
            needId,
            expertId,
            organisationId: need.organisationId,
            status: 'proposed',
            score: candidate.score,
            rank: candidate.rank,
            contributions: candidate.contributions,
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
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw new ConflictError('This expert has already been proposed for this need.', 'ALREADY_PROPOSED');
    }
    throw err;
  }
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
  const match = await withOutbox(
    ctx,
    async (tx) => {
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
        return transition({
          matchId,
          from: 'confirmed',
          to: 'awaiting_employer',
          channel: 'system',
          session,
        });
      }
      return makeOffer(ctx, tx, matchId, times, actor);
    },
    options,
  );
  if (match.status === 'offered') await scheduleOffer(ctx, matchId, times);
  return match;
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

/** The engagement is over: the employer's rating and comment feed later scores. */
export async function completeMatch(
  actor: Actor,
  matchId: string,
  body: { rating: number; comment?: string },
): Promise<MatchRecord> {
  const scope = isStaff(actor) ? {} : { organisationId: actor.organisationId };
  return withTransaction(async (session) => {
    const completed = await transition({
      matchId,
      from: 'engaged',
      to: 'completed',
      actor,
      channel: 'web',
      scope,
      set: { rating: body.rating, ratingComment: body.comment },
      session,
    });
    await endEngagement(String(completed.expertId), session);
    if (isStaff(actor)) {
      await recordAudit(actor, 'match.complete', { type: 'match', id: matchId }, undefined, session);
    }
    return completed;
  });
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
    const left = m.history[m.history.length - 1]?.from as MatchStatus | undefined;
    const expertId = String(m.expertId);
    if (left && PENDING_STATUSES.includes(left)) await releasePlace(expertId, session);
    if (left === 'engaged') {
      await endEngagement(expertId, session);
      await releasePlacement(String(m.needId), session);
    }
    await touchExpert(expertId, session);
    await recordAudit(actor, 'match.cancel', { type: 'match', id: matchId }, { from: left }, session);
    return m;
  });
  await reroute(ctx, String(cancelled.needId));
  return cancelled;
}
