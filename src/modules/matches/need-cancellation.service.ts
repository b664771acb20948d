import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import type { EnqueueEmailInput } from '../email/email.service';
import { envelopeFor } from '../email/email-envelope';
import { cancelNeed } from '../needs/need-status.service';
import { Match, type MatchRecord, type MatchStatus } from './match.model';
import { withRecords } from './match-context';
import type { MatchContext } from './match-emails';
import { OPEN_STATUSES } from './match-transitions';
import { cancelInPlay } from './match-workflow.service';

/** What each match cancelled with its need records as the reason. */
export const NEED_CANCELLED_REASON = 'need cancelled';

/** Statuses in which the expert already knows of the job (an offer, or their yes): they hear it is off. */
const EXPERT_KNOWS = ['offered', 'accepted', 'engaged'] as const;
type KnownStage = (typeof EXPERT_KNOWS)[number];
const expertKnew = (left: MatchStatus | undefined): left is KnownStage =>
  (EXPERT_KNOWS as readonly (MatchStatus | undefined)[]).includes(left);

/** The expert hears the job is off; null for an expert without an address (the office phones them). */
function needCancelledEmail(
  ctx: Context,
  about: MatchContext,
  stage: KnownStage,
  at: Date,
): EnqueueEmailInput | null {
  const { match, expert, need, organisation } = about;
  const matchId = String(match._id);
  const envelope = envelopeFor(expert, { type: 'match', id: matchId });
  if (!envelope) return null;
  return {
    ...envelope,
    kind: 'need-cancelled-expert',
    data: {
      matchId,
      expertName: expert.name,
      needTitle: need.title,
      organisationName: organisation.name,
      accepted: stage !== 'offered',
      cancelledAt: at,
      offersUrl: `${ctx.config.http.publicUrl}/expert/offers`,
    },
  };
}

/**
 * One match of a cancelled need is cancelled through the lifecycle, in one transaction with what it
 * held, the audit entry and the email to the expert who knew of the job. Nothing is re-routed: the
 * need is gone. False when the match is no longer in play (ended meanwhile, or by an earlier run).
 */
async function cancelForNeed(ctx: Context, actor: Actor, matchId: string): Promise<boolean> {
  const at = new Date();
  const input = { matchId, actor, reason: NEED_CANCELLED_REASON };
  const cancelled = await cancelInPlay(ctx, input, async ({ match: m, left, tx }) => {
    if (isStaff(actor)) {
      const target = { type: 'match', id: matchId };
      const details = { from: left, reason: NEED_CANCELLED_REASON };
      await recordAudit(actor, 'match.cancel', target, details, tx.session);
    }
    if (!expertKnew(left)) return;
    const message = needCancelledEmail(ctx, await withRecords(m, tx.session), left, at);
    if (message) await tx.email(message);
  });
  return cancelled !== null;
}

/** Every match of the need still in play, one transaction each (see cancelForNeed). */
async function cancelOpenMatches(ctx: Context, actor: Actor, needId: string): Promise<void> {
  const open = await Match.find({ needId, status: { $in: OPEN_STATUSES } })
    .select('_id')
    .sort({ _id: 1 })
    .lean<Array<Pick<MatchRecord, '_id'>>>();
  for (const m of open) await cancelForNeed(ctx, actor, String(m._id));
}

const alreadyCancelled = (err: unknown): boolean =>
  err instanceof AppError &&
  err.code === 'ILLEGAL_TRANSITION' &&
  (err.details as { status?: string } | undefined)?.status === 'cancelled';

/**
 * Cancels a need (see cancelNeed: its quota unit goes back) and then each of its matches in play,
 * releasing what they held and telling the experts who had an offer or had said yes.
 *
 * Crash safety: the need's step and each match are separate transactions (as the erasure does), not
 * one, because the need's step also gives back the nomination through the organisations' service,
 * which writes outside any session. If the process dies in between, cancelling again repairs it: the
 * need is already cancelled, so its step answers 409 as before, but only after the matches left in
 * play have been cancelled. A caller who sees the 409 knows the need is cancelled, matches included.
 */
export async function cancelNeedAndMatches(ctx: Context, actor: Actor, id: string) {
  let cancelled: Awaited<ReturnType<typeof cancelNeed>>;
  try {
    cancelled = await cancelNeed(ctx, actor, id);
  } catch (err) {
    // cancelNeed checked the caller may see the need before it answered 409
    if (alreadyCancelled(err)) await cancelOpenMatches(ctx, actor, id);
    throw err;
  }
  await cancelOpenMatches(ctx, actor, id);
  return cancelled;
}
