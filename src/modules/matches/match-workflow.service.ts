import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { CandidateSnapshot, type CandidateSnapshotRecord } from '../matching/candidate-snapshot.model';
import { loadVisibleNeed } from '../needs/need.service';
import { releasePlacement } from '../needs/need-status.service';
import { endEngagement, releasePlace, reservePlace, touchExpert } from './expert-places';
import { Match, type MatchRecord, type MatchStatus } from './match.model';
import { illegal, OPEN_STATUSES, PENDING_STATUSES, transition } from './match-transitions';
import { answerOffer, sendOffer } from './offer.service';
import { reroute } from './rerouting.service';

/** A coordinator proposes a candidate (usually from the need's ranked list). */
export async function proposeCandidate(actor: Actor, needId: string, expertId: string): Promise<MatchRecord> {
  const need = await loadVisibleNeed(actor, needId);
  const snapshot = await CandidateSnapshot.findOne({ needId }).lean<CandidateSnapshotRecord>();
  const candidate = snapshot?.candidates.find((c) => String(c.expertId) === expertId);
  if (!candidate) {
    throw new ConflictError('This expert is not on the need’s ranked candidate list.', 'NOT_A_CANDIDATE');
  }
  try {
    const [created] = await Match.create([
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
    ]);
    await touchExpert(expertId);
    await recordAudit(
      actor,
      'match.propose',
      { type: 'match', id: String(created._id) },
      { needId, expertId },
    );
    return created.toObject() as MatchRecord;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw new ConflictError('This expert has already been proposed for this need.', 'ALREADY_PROPOSED');
    }
    throw err;
  }
}

/**
 * A coordinator confirms a proposal: the expert's place is reserved, then the employer is asked
 * to approve (when the need says so) or the offer goes out at once.
 */
export async function confirmMatch(actor: Actor, matchId: string): Promise<MatchRecord> {
  const match = await Match.findById(matchId).lean<MatchRecord>();
  if (!match) throw new NotFoundError('Match');
  if (match.status !== 'proposed') throw illegal(match.status, 'confirmed');
  const need = await loadVisibleNeed(actor, String(match.needId));
  await reservePlace(String(match.expertId));
  try {
    await transition({ matchId, from: 'proposed', to: 'confirmed', actor, channel: 'web' });
  } catch (err) {
    await releasePlace(String(match.expertId)); // the other confirmation won; give the place back
    throw err;
  }
  await recordAudit(actor, 'match.confirm', { type: 'match', id: matchId });
  if (need.employerApproval) {
    return transition({ matchId, from: 'confirmed', to: 'awaiting_employer', channel: 'system' });
  }
  return sendOffer(matchId, actor);
}

/** A coordinator turns a proposal down; the expert is not proposed for this need again. */
export async function rejectMatch(actor: Actor, matchId: string, reason: string): Promise<MatchRecord> {
  const rejected = await transition({
    matchId,
    from: 'proposed',
    to: 'rejected',
    actor,
    channel: 'web',
    reason,
  });
  await touchExpert(String(rejected.expertId));
  await recordAudit(actor, 'match.reject', { type: 'match', id: matchId });
  await reroute(String(rejected.needId));
  return rejected;
}

/** The employer approves the candidate (the offer goes out) or turns them down (re-routed). */
export async function employerDecision(
  actor: Actor,
  matchId: string,
  decision: { approve: boolean; reason?: string },
): Promise<MatchRecord> {
  const scope = isStaff(actor) ? {} : { organisationId: actor.organisationId };
  const match = await Match.findOne({ _id: matchId, ...scope }).lean<MatchRecord>();
  if (!match) throw new NotFoundError('Match');
  if (decision.approve) return sendOffer(matchId, actor);
  const rejected = await transition({
    matchId,
    from: 'awaiting_employer',
    to: 'rejected',
    actor,
    channel: 'web',
    reason: decision.reason,
    scope,
  });
  await releasePlace(String(rejected.expertId));
  await reroute(String(rejected.needId));
  return rejected;
}

/** Expert (their own offer) or coordinator (an answer given by phone or in person). */
export async function recordAnswer(
  actor: Actor,
  matchId: string,
  body: { answer: 'accept' | 'decline'; reason?: string; channel?: 'phone' | 'in-person' },
): Promise<MatchRecord> {
  if (isStaff(actor)) {
    const answered = await answerOffer(matchId, body.answer, {
      actor,
      channel: body.channel ?? 'phone',
      reason: body.reason,
    });
    await recordAudit(
      actor,
      'match.answer',
      { type: 'match', id: matchId },
      { answer: body.answer, channel: body.channel ?? 'phone' },
    );
    return answered;
  }
  return answerOffer(matchId, body.answer, {
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
  const completed = await transition({
    matchId,
    from: 'engaged',
    to: 'completed',
    actor,
    channel: 'web',
    scope,
    set: { rating: body.rating, ratingComment: body.comment },
  });
  await endEngagement(String(completed.expertId));
  if (isStaff(actor)) await recordAudit(actor, 'match.complete', { type: 'match', id: matchId });
  return completed;
}

/** A coordinator cancels a match in play, freeing what it held; a lost place is re-routed. */
export async function cancelMatch(actor: Actor, matchId: string, reason: string): Promise<MatchRecord> {
  const before = await Match.findById(matchId).select('status').lean<MatchRecord>();
  if (!before) throw new NotFoundError('Match');
  const cancelled = await transition({
    matchId,
    from: OPEN_STATUSES,
    to: 'cancelled',
    actor,
    channel: 'web',
    reason,
  });
  const left = cancelled.history[cancelled.history.length - 1]?.from as MatchStatus | undefined;
  const expertId = String(cancelled.expertId);
  if (left && PENDING_STATUSES.includes(left)) await releasePlace(expertId);
  if (left === 'engaged') {
    await endEngagement(expertId);
    await releasePlacement(String(cancelled.needId));
  }
  await touchExpert(expertId);
  await recordAudit(actor, 'match.cancel', { type: 'match', id: matchId }, { from: left });
  await reroute(String(cancelled.needId));
  return cancelled;
}
