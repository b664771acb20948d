import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { expertLabels, findExpertsByContact } from '../experts/expert-records.service';
import { Call, CallApplication, type CallApplicationRecord, type CallRecord } from './call.model';
import type { ApplicationView, ApplyBody } from './call.schemas';
import { mayApply, type Verdict, verdictsFor, verdictsOn } from './call-fit';
import { loadVisibleCall } from './calls.service';

const notFound = () => new NotFoundError('Application');

/** Why a named member cannot join the team (the pages put each in words beside its box). */
export const MEMBER_MESSAGES = {
  unknown: 'no registered expert has this mobile number or email',
  ambiguous: 'several experts registered this mobile number: give their email',
  lead: 'you lead the team: name the other members only',
  twice: 'this member is named twice',
  paused: 'this expert has paused',
};

type CallFacts = Pick<CallRecord, '_id' | 'title' | 'status'>;

/** Applications as their readers see them: names and counties of the team, no contact details. */
export async function toApplicationViews(
  applications: readonly CallApplicationRecord[],
  calls: ReadonlyMap<string, CallFacts>,
  fits?: ReadonlyArray<Verdict | null>,
): Promise<ApplicationView[]> {
  const people = await expertLabels(applications.flatMap((a) => [a.leadExpertId, ...a.memberExpertIds]));
  const person = (id: unknown) => {
    const e = people.get(String(id));
    return { expertId: String(id), name: e?.name ?? '', residenceCounty: e?.residenceCounty ?? null };
  };
  return applications.map((a, k) => {
    const call = calls.get(String(a.callId));
    return {
      id: String(a._id),
      call: { id: String(a.callId), title: call?.title ?? '', status: call?.status ?? 'cancelled' },
      status: a.status,
      lead: person(a.leadExpertId),
      members: a.memberExpertIds.map(person),
      plan: a.plan,
      shortlistedAt: a.shortlistedAt ?? null,
      withdrawnAt: a.withdrawnAt ?? null,
      resubmittedAt: a.resubmittedAt ?? null,
      decidedAt: a.decidedAt ?? null,
      createdAt: a.createdAt,
      ...(fits ? { fit: fits[k] } : {}),
    };
  });
}

const oneCall = (call: CallFacts) => new Map([[String(call._id), call]]);

/** Applications are taken while the call is open and its last day has not ended. */
function takingApplications(call: CallRecord, now = new Date()): void {
  if (call.status !== 'open' || call.closesAt.getTime() <= now.getTime()) {
    throw new ConflictError('The call no longer takes applications.', 'CALL_CLOSED');
  }
}

/**
 * The team's other members, found by the contact the lead typed: each a registered expert, one only,
 * not paused, not the lead, not named twice. Their ids, in the order given; 400 naming each box at fault.
 */
async function resolveMembers(leadId: string, contacts: readonly string[]): Promise<string[]> {
  const found = await findExpertsByContact(contacts);
  const ids: string[] = [];
  const details = contacts.flatMap((contact, k) => {
    const path = `body.memberContacts.${k}`;
    const matches = found.get(contact) ?? [];
    if (matches.length === 0) return [{ path, message: MEMBER_MESSAGES.unknown }];
    if (matches.length > 1) return [{ path, message: MEMBER_MESSAGES.ambiguous }];
    const [e] = matches;
    const id = String(e._id);
    if (id === leadId) return [{ path, message: MEMBER_MESSAGES.lead }];
    if (ids.includes(id)) return [{ path, message: MEMBER_MESSAGES.twice }];
    ids.push(id);
    if (e.status === 'paused' || e.availability?.paused) return [{ path, message: MEMBER_MESSAGES.paused }];
    return [];
  });
  if (details.length > 0) throw new ValidationError('Some members cannot join the team.', details);
  return ids;
}

const alreadyApplied = () => new ConflictError('You have applied to this call already.', 'ALREADY_APPLIED');

/**
 * The lead's withdrawn application, sent again with the new plan and team: the same record (one per
 * lead per call) back to submitted, the withdrawn submission kept in `earlier`, and off the employer's
 * shortlist until the office shortlists it again. The update is conditional on the withdrawal read, so
 * two sends at once re-open it once (409 for the other).
 */
async function reopenApplication(
  withdrawn: CallApplicationRecord,
  plan: string,
  memberExpertIds: readonly string[],
): Promise<CallApplicationRecord> {
  const now = new Date();
  const earlier = {
    plan: withdrawn.plan,
    memberExpertIds: withdrawn.memberExpertIds,
    submittedAt: withdrawn.resubmittedAt ?? withdrawn.createdAt,
    shortlistedAt: withdrawn.shortlistedAt ?? undefined,
    withdrawnAt: withdrawn.withdrawnAt ?? now,
  };
  const reopened = await CallApplication.findOneAndUpdate(
    { _id: withdrawn._id, status: 'withdrawn', withdrawnAt: withdrawn.withdrawnAt ?? null },
    {
      $set: {
        status: 'submitted',
        plan,
        memberExpertIds,
        resubmittedAt: now,
      },
      $unset: { withdrawnAt: 1, shortlistedAt: 1, shortlistedBy: 1 },
      $push: { earlier },
    },
    { returnDocument: 'after' },
  ).lean<CallApplicationRecord>();
  if (!reopened) throw alreadyApplied();
  return reopened;
}

/**
 * An expert applies to an open call they may apply to, alone or leading a team of up to five, with a
 * plan. One application per lead per call: a second is 409 while the first is live; one withdrawn is
 * sent again (`reopenApplication`).
 */
export async function applyToCall(
  ctx: Context,
  actor: Actor,
  callId: string,
  body: ApplyBody,
): Promise<ApplicationView> {
  const leadId = actor.expertId;
  if (!leadId) throw new NotFoundError('Expert');
  const call = await loadVisibleCall(ctx, actor, callId);
  takingApplications(call);
  const memberExpertIds = await resolveMembers(leadId, body.memberContacts);
  const existing = await CallApplication.findOne({
    callId,
    leadExpertId: leadId,
  }).lean<CallApplicationRecord>();
  if (existing?.status === 'withdrawn') {
    // the call stays visible to whoever applied to it: sending again asks what a first application asks
    const [verdict] = (await verdictsFor(ctx, leadId, [call])) ?? [];
    if (!mayApply(verdict)) {
      throw new ConflictError(
        'You no longer meet what the call asks for, or you have paused: the application cannot be sent again.',
        'CALL_NOT_ELIGIBLE',
      );
    }
    return (
      await toApplicationViews([await reopenApplication(existing, body.plan, memberExpertIds)], oneCall(call))
    )[0];
  }
  if (existing) throw alreadyApplied();
  try {
    const created = await CallApplication.create({
      callId,
      organisationId: call.organisationId,
      leadExpertId: leadId,
      memberExpertIds,
      plan: body.plan,
    });
    return (await toApplicationViews([created.toObject() as CallApplicationRecord], oneCall(call)))[0];
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw alreadyApplied();
    throw err;
  }
}

/** The lead withdraws their application while the call still takes applications. */
export async function withdrawApplication(
  ctx: Context,
  actor: Actor,
  callId: string,
  applicationId: string,
): Promise<ApplicationView> {
  const mine = { _id: applicationId, callId, leadExpertId: actor.expertId };
  if (!actor.expertId || !(await CallApplication.exists(mine))) throw notFound();
  const call = await loadVisibleCall(ctx, actor, callId);
  takingApplications(call);
  const withdrawn = await CallApplication.findOneAndUpdate(
    { ...mine, status: { $in: ['submitted', 'shortlisted'] } },
    { $set: { status: 'withdrawn', withdrawnAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<CallApplicationRecord>();
  if (!withdrawn)
    throw new ConflictError('This application can no longer be withdrawn.', 'ILLEGAL_TRANSITION');
  return (await toApplicationViews([withdrawn], oneCall(call)))[0];
}

/** The call for a reader of its applications: staff any, an employer its own; 404 otherwise. */
export async function callForApplications(actor: Actor, callId: string): Promise<CallRecord> {
  const call = await Call.findById(callId).lean<CallRecord>();
  const own = actor.role === 'employer' && actor.organisationId === String(call?.organisationId);
  if (!call || !(isStaff(actor) || own)) throw new NotFoundError('Call');
  return call;
}

/**
 * The applications to one call. The office sees every one, each lead's fit against the call explained
 * as for a need's candidate, best first; the employer sees those the office shortlisted, nothing else.
 */
export async function listApplications(ctx: Context, actor: Actor, callId: string) {
  const call = await callForApplications(actor, callId);
  const filter = isStaff(actor) ? { callId } : { callId, shortlistedAt: { $exists: true } };
  const applications = await CallApplication.find(filter)
    .sort({ createdAt: 1, _id: 1 })
    .lean<CallApplicationRecord[]>();
  if (!isStaff(actor)) return { items: await toApplicationViews(applications, oneCall(call)) };
  const verdicts = await verdictsOn(
    ctx,
    call,
    applications.map((a) => String(a.leadExpertId)),
  );
  const score = (v: Verdict | undefined) => (v && !v.excluded ? v.score : -1);
  const order = applications.map((_, k) => k).sort((a, b) => score(verdicts[b]) - score(verdicts[a]));
  const items = await toApplicationViews(
    order.map((k) => applications[k]),
    oneCall(call),
    order.map((k) => verdicts[k] ?? null),
  );
  return { items };
}

/** The signed-in expert's applications, as lead or as a named member, newest first. */
export async function myApplications(actor: Actor) {
  if (!actor.expertId) throw new NotFoundError('Expert');
  const applications = await CallApplication.find({
    $or: [{ leadExpertId: actor.expertId }, { memberExpertIds: actor.expertId }],
  })
    .sort({ createdAt: -1, _id: -1 })
    .limit(200)
    .lean<CallApplicationRecord[]>();
  const calls = await Call.find({ _id: { $in: applications.map((a) => a.callId) } })
    .select('title status')
    .lean<CallFacts[]>();
  return { items: await toApplicationViews(applications, new Map(calls.map((c) => [String(c._id), c]))) };
}

/** The office shortlists an application of an open or closed call: the employer may then see and choose it. */
export async function shortlistApplication(
  _ctx: Context,
  actor: Actor,
  callId: string,
  applicationId: string,
): Promise<ApplicationView> {
  const call = await callForApplications(actor, callId);
  if (call.status !== 'open' && call.status !== 'closed') {
    throw new ConflictError(
      `A call that is ${call.status} has no shortlist to change.`,
      'ILLEGAL_TRANSITION',
    );
  }
  const shortlisted = await withTransaction(async (session) => {
    const updated = await CallApplication.findOneAndUpdate(
      { _id: applicationId, callId, status: 'submitted' },
      { $set: { status: 'shortlisted', shortlistedAt: new Date(), shortlistedBy: actor.userId } },
      { returnDocument: 'after', session },
    ).lean<CallApplicationRecord>();
    if (!updated) {
      const current = await CallApplication.findOne({ _id: applicationId, callId }).session(session).lean();
      if (!current) throw notFound();
      throw new ConflictError(
        `An application that is ${current.status} cannot be shortlisted.`,
        'ILLEGAL_TRANSITION',
      );
    }
    const target = { type: 'call-application', id: applicationId };
    await recordAudit(actor, 'call.shortlist', target, { callId }, session);
    return updated;
  });
  return (await toApplicationViews([shortlisted], oneCall(call)))[0];
}
