import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import type { EnqueueEmailInput } from '../email/email.service';
import { envelopeFor } from '../email/email-envelope';
import { withOutbox } from '../email/outbox-transaction';
import { type ExpertRecord, getExpertRecords } from '../experts/expert-records.service';
import { confirmProposal, createProposal } from '../matches/match-workflow.service';
import { offerTimes, scheduleOffer } from '../matches/offer.service';
import { createNeedForCall } from '../needs/need-from-call.service';
import { getOrganisationRecord } from '../organisations/organisation-records.service';
import { enqueueRank } from '../ranking/ranking.jobs';
import { Call, CallApplication, type CallApplicationRecord, type CallRecord } from './call.model';
import type { AwardView } from './call.schemas';
import { callForApplications } from './call-applications.service';
import { verdictsOn } from './call-fit';
import { toCallView } from './calls.service';

/** An applicant not chosen hears the call went to another; null without an address (the office phones). */
function notChosenEmail(
  ctx: Context,
  call: CallRecord,
  organisationName: string,
  application: CallApplicationRecord,
  lead: ExpertRecord | undefined,
  at: Date,
): EnqueueEmailInput | null {
  const applicationId = String(application._id);
  const envelope = lead && envelopeFor(lead, { type: 'call-application', id: applicationId });
  if (!envelope || !lead) return null;
  return {
    ...envelope,
    kind: 'call-awarded-other',
    data: {
      applicationId,
      expertName: lead.name,
      callTitle: call.title,
      organisationName,
      awardedAt: at,
      callsUrl: `${ctx.config.http.publicUrl}/expert/calls`,
    },
  };
}

/** The need behind the award: what the call asks for and offers, for its one chosen lead. */
function needInput(call: CallRecord) {
  return {
    callId: String(call._id),
    organisationId: String(call.organisationId),
    title: call.title,
    description: call.problem,
    field: call.field,
    mustHaveSkills: [...call.mustHaveSkills],
    mustHaveMatch: call.mustHaveMatch === 'exact' ? ('exact' as const) : ('sub_field' as const),
    niceToHaveSkills: [...call.niceToHaveSkills],
    minTitleLevel: call.minTitleLevel ?? undefined,
    minTitleSeries: call.minTitleSeries ?? undefined,
    minSkillLevel: call.minSkillLevel ?? undefined,
    mode: call.mode,
    county: call.county,
    period: { from: call.period?.from ?? '', to: call.period?.to ?? '' },
    daysPerMonth: call.daysPerMonth ?? undefined,
    offer: { housing: false, travel: false, other: call.reward },
    employerApproval: false,
  };
}

const conflict = (message: string, code = 'ILLEGAL_TRANSITION') => new ConflictError(message, code);

/**
 * The employer (or the office on its behalf) chooses one shortlisted application of a closed call. In
 * one transaction: the call is awarded; a need is made for the chosen lead (matching, linked to the
 * call) and the lead proposed and confirmed for it through the match workflow, so the offer goes out
 * with its email, single-use links and deadlines; the other applicants are told the call went to
 * another.
 */
export async function chooseApplication(
  ctx: Context,
  actor: Actor,
  callId: string,
  applicationId: string,
): Promise<AwardView> {
  const call = await callForApplications(actor, callId);
  if (call.status !== 'closed') throw conflict('Only a closed call can be awarded; close it first.');
  const chosen = await CallApplication.findOne({ _id: applicationId, callId }).lean<CallApplicationRecord>();
  if (!chosen) throw new NotFoundError('Application');
  if (chosen.status !== 'shortlisted') {
    throw conflict('Only an application the office shortlisted can be chosen.', 'NOT_SHORTLISTED');
  }
  const leadId = String(chosen.leadExpertId);
  const [verdict] = await verdictsOn(ctx, call, [leadId]);
  const explained = verdict && !verdict.excluded ? verdict : undefined;
  const others = await CallApplication.find({
    callId,
    _id: { $ne: chosen._id },
    status: { $in: ['submitted', 'shortlisted'] },
  }).lean<CallApplicationRecord[]>();
  const leads = new Map(
    (await getExpertRecords(others.map((a) => String(a.leadExpertId)))).map((e) => [String(e._id), e]),
  );
  const organisationName = (await getOrganisationRecord(call.organisationId))?.name ?? '';
  const times = offerTimes(ctx);
  const at = times.offeredAt;

  const award = await withOutbox(ctx, async (tx) => {
    const { session } = tx;
    const decided = { decidedAt: at };
    const picked = await CallApplication.updateOne(
      { _id: chosen._id, status: 'shortlisted' },
      { $set: { status: 'chosen', ...decided } },
      { session },
    );
    if (picked.modifiedCount !== 1) throw conflict('The application changed meanwhile.');
    const need = await createNeedForCall(session, actor, needInput(call));
    const needId = String(need._id);
    const proposal = await createProposal(session, actor, {
      needId,
      expertId: leadId,
      organisationId: call.organisationId,
      score: explained?.score,
      contributions: explained?.contributions,
    });
    const match = await confirmProposal(ctx, tx, actor, String(proposal._id), times);
    const awarded = await Call.findOneAndUpdate(
      { _id: callId, status: 'closed' },
      {
        $set: {
          status: 'awarded',
          awardedAt: at,
          awardedApplicationId: chosen._id,
          needId: need._id,
          matchId: match._id,
        },
      },
      { returnDocument: 'after', session },
    ).lean<CallRecord>();
    if (!awarded) throw conflict('The call changed meanwhile.');
    await CallApplication.updateMany(
      { _id: { $in: others.map((a) => a._id) }, status: { $in: ['submitted', 'shortlisted'] } },
      { $set: { status: 'not_chosen', ...decided } },
      { session },
    );
    for (const other of others) {
      const email = notChosenEmail(
        ctx,
        call,
        organisationName,
        other,
        leads.get(String(other.leadExpertId)),
        at,
      );
      if (email) await tx.email(email);
    }
    if (isStaff(actor)) {
      const details = { applicationId, needId, matchId: String(match._id) };
      await recordAudit(actor, 'call.award', { type: 'call', id: callId }, details, session);
    }
    return { awarded, needId, match };
  });
  const matchId = String(award.match._id);
  if (award.match.status === 'offered') await scheduleOffer(ctx, matchId, times);
  // ranked like any need, so the office has candidates at hand should the lead decline
  await enqueueRank(ctx, award.needId, 'call awarded');
  return {
    call: toCallView(award.awarded, organisationName),
    needId: award.needId,
    matchId,
    matchStatus: award.match.status,
  };
}
