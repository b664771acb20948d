import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { getActiveUser, type UserRecord } from '../accounts/user-records.service';
import { recordAudit } from '../audit/audit.service';
import type { EnqueueEmailInput } from '../email/email.service';
import { emailLanguage, envelopeFor } from '../email/email-envelope';
import type { EditedNeedView, UpdateNeedBody } from '../needs/need.schemas';
import { changeNeed, needWithChanges } from '../needs/need.service';
import type { NeedRecord } from '../needs/need-records.service';
import { explainEach, type FilterFailure, type FilterName } from '../ranking/engine';
import { toEngineNeed } from '../ranking/engine-mapping';
import { Match, type MatchRecord, type MatchStatus } from './match.model';
import type { MatchContext } from './match-emails';
import { cancelInPlay, recordsIfAny } from './match-workflow.service';
import { reroute } from './rerouting.service';

/** Matches before the expert's yes: an edit may withdraw them. Accepted and engaged ones are left alone. */
export const BEFORE_YES: readonly MatchStatus[] = ['proposed', 'confirmed', 'awaiting_employer', 'offered'];

/**
 * The engine's filters that test what the need asks for. Capacity, a pause or an earlier refusal are
 * about the expert, not the edit (a pending offer even counts against the expert's own capacity).
 */
const REQUIREMENTS: ReadonlySet<FilterName> = new Set<FilterName>([
  'field',
  'mustHave',
  'level',
  'mode',
  'availability',
  'travel',
]);

/** What a withdrawn match records in its history, before the requirements it no longer meets. */
export const NEED_CHANGED_REASON = '需求条件已修改';

/**
 * The requirements the expert fails since the edit: failed under the need as it is now, and met (or
 * failed for another reason) under the need as it was. An expert out of the pool (paused, erased) is
 * not judged here.
 */
async function newlyFailed(
  ctx: Context,
  before: NeedRecord,
  after: NeedRecord,
  expertId: string,
): Promise<FilterFailure[]> {
  const store = await ctx.experts.current();
  if (store.side.slotOf(expertId) === undefined) return [];
  const [was, now] = explainEach(store, [toEngineNeed(before), toEngineNeed(after)], expertId);
  if (!now.excluded) return [];
  const failedBefore = new Set(was.excluded ? was.reasons.map((r) => r.filter) : []);
  return now.reasons.filter((r) => REQUIREMENTS.has(r.filter) && !failedBefore.has(r.filter));
}

/** The coordinator who confirmed the match, or else who proposed it (a system proposal has nobody). */
async function staffBehind(match: MatchRecord, session: Parameters<typeof getActiveUser>[1]) {
  const byStep = (to: MatchStatus) =>
    [...(match.history ?? [])].reverse().find((h) => h.to === to && h.byUserId)?.byUserId;
  const userId = byStep('confirmed') ?? byStep('proposed');
  return userId ? ((await getActiveUser(userId, session)) ?? null) : null;
}

function expertEmail(ctx: Context, about: MatchContext, reasons: FilterFailure[], at: Date) {
  const { match, expert, need, organisation } = about;
  const matchId = String(match._id);
  const envelope = envelopeFor(expert, { type: 'match', id: matchId });
  if (!envelope) return null;
  const lang = envelope.language;
  return {
    ...envelope,
    kind: 'offer-withdrawn-need-changed',
    data: {
      matchId,
      expertName: expert.name,
      needTitle: need.title,
      organisationName: organisation.name,
      withdrawnAt: at,
      reasons: reasons.map((r) => r.reason[lang]),
      offersUrl: `${ctx.config.http.publicUrl}/expert/offers`,
    },
  } satisfies EnqueueEmailInput;
}

function coordinatorEmail(
  ctx: Context,
  about: MatchContext,
  coordinator: UserRecord,
  event: { reasons: FilterFailure[]; at: Date; wasOffered: boolean; expertTold: boolean },
) {
  const { match, expert, need, organisation } = about;
  const lang = emailLanguage(coordinator.preferredLanguage);
  const matchId = String(match._id);
  return {
    kind: 'match-need-changed-coordinator',
    to: coordinator.email,
    toName: coordinator.displayName,
    language: lang,
    related: { type: 'match', id: matchId },
    data: {
      matchId,
      coordinatorName: coordinator.displayName,
      expertName: expert.name,
      needTitle: need.title,
      organisationName: organisation.name,
      withdrawnAt: event.at,
      reasons: event.reasons.map((r) => r.reason[lang]),
      wasOffered: event.wasOffered,
      expertTold: event.expertTold,
      matchUrl: `${ctx.config.http.publicUrl}/matches/${matchId}`,
    },
  } satisfies EnqueueEmailInput;
}

/**
 * One match that no longer fits the changed need is cancelled through the lifecycle, in one
 * transaction with what it held, the audit entry (staff) and the emails: the expert hears if they had
 * the offer, the coordinator behind the match hears unless they made the edit themselves. False when
 * the match moved on meanwhile (the expert said yes, or it ended): it is left as it is.
 */
async function withdrawForChange(
  ctx: Context,
  actor: Actor,
  matchId: string,
  reasons: FilterFailure[],
): Promise<boolean> {
  const at = new Date();
  const reason = `${NEED_CHANGED_REASON}：${reasons.map((r) => r.reason['zh-CN']).join('；')}`.slice(0, 1000);
  const input = { matchId, actor, reason, from: BEFORE_YES };
  const withdrawn = await cancelInPlay(ctx, input, async ({ match: m, left, tx }) => {
    if (isStaff(actor)) {
      const target = { type: 'match', id: matchId };
      await recordAudit(
        actor,
        'match.cancel',
        target,
        { from: left, reason: NEED_CHANGED_REASON },
        tx.session,
      );
    }
    const about = await recordsIfAny(m, tx.session);
    if (!about) return;
    const toExpert = left === 'offered' ? expertEmail(ctx, about, reasons, at) : null;
    if (toExpert) await tx.email(toExpert);
    const coordinator = await staffBehind(m, tx.session);
    if (coordinator && coordinator._id.toString() !== actor.userId) {
      const event = { reasons, at, wasOffered: left === 'offered', expertTold: toExpert !== null };
      await tx.email(coordinatorEmail(ctx, about, coordinator, event));
    }
  });
  return withdrawn !== null;
}

/**
 * Withdraws the need's matches before the expert's yes that the edit made unfit (see newlyFailed),
 * one transaction each; returns how many.
 */
async function withdrawUnfit(ctx: Context, actor: Actor, before: NeedRecord, after: NeedRecord) {
  const open = await Match.find({ needId: after._id, status: { $in: BEFORE_YES } })
    .select('_id expertId')
    .sort({ _id: 1 })
    .lean<Array<Pick<MatchRecord, '_id' | 'expertId'>>>();
  let withdrawn = 0;
  for (const m of open) {
    const reasons = await newlyFailed(ctx, before, after, String(m.expertId));
    if (reasons.length > 0 && (await withdrawForChange(ctx, actor, String(m._id), reasons))) withdrawn++;
  }
  return withdrawn;
}

/**
 * An employer (their own need) or the office changes a need that still wants experts: the edit is
 * recorded and the need ranked again (changeNeed); then each proposal or offer whose expert no longer
 * meets the changed requirements is withdrawn with notice, and the need is re-routed so the next
 * candidate moves up. Experts who already said yes (accepted, engaged) are not affected.
 *
 * The edit and each withdrawal are separate transactions (as the erasure does): if the process dies in
 * between, the need stands changed and a match left in play is one the coordinator still sees on the
 * need's page, where "why not" explains it against the new requirements and it can be cancelled.
 */
export async function editNeed(
  ctx: Context,
  actor: Actor,
  id: string,
  body: UpdateNeedBody,
): Promise<EditedNeedView> {
  const { before, after, changed } = await changeNeed(ctx, actor, id, body);
  const withdrawn = changed.length > 0 ? await withdrawUnfit(ctx, actor, before, after) : 0;
  if (withdrawn > 0) await reroute(ctx, id);
  return { ...(await needWithChanges(after)), withdrawnMatches: withdrawn };
}
