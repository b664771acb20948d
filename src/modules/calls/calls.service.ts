import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff, postingOrganisation } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import type { EnqueueEmailInput } from '../email/email.service';
import { envelopeFor } from '../email/email-envelope';
import { withOutbox } from '../email/outbox-transaction';
import { getExpertRecords } from '../experts/expert-records.service';
import {
  getOrganisationRecord,
  getOrganisationRecords,
  organisationExists,
} from '../organisations/organisation-records.service';
import {
  Call,
  CallApplication,
  type CallApplicationRecord,
  type CallRecord,
  type CallStatus,
} from './call.model';
import type { CallView, CreateCallBody, ListCallsQuery } from './call.schemas';
import { mayApply, verdictsFor } from './call-fit';
import { scheduleCallClose } from './calls.jobs';

const notFound = () => new NotFoundError('Call');

/** The end of the last day to apply, China time (UTC+8, no daylight saving). */
export const closingTime = (applyBy: string): Date => new Date(`${applyBy}T23:59:59.999+08:00`);

export function toCallView(call: CallRecord, organisationName: string): CallView {
  return {
    id: String(call._id),
    organisation: { id: String(call.organisationId), name: organisationName },
    title: call.title,
    problem: call.problem,
    goals: call.goals,
    deliverables: call.deliverables,
    reward: call.reward,
    applyBy: call.applyBy,
    closesAt: call.closesAt,
    field: call.field,
    mustHaveSkills: [...call.mustHaveSkills],
    mustHaveMatch: call.mustHaveMatch ?? 'sub_field',
    niceToHaveSkills: [...call.niceToHaveSkills],
    minTitleLevel: call.minTitleLevel ?? null,
    minTitleSeries: call.minTitleSeries ?? null,
    minSkillLevel: call.minSkillLevel ?? null,
    mode: call.mode,
    county: call.county,
    period: { from: call.period?.from ?? '', to: call.period?.to ?? '' },
    daysPerMonth: call.daysPerMonth ?? null,
    status: call.status,
    openedAt: call.openedAt ?? null,
    closedAt: call.closedAt ?? null,
    closedBy: call.closedBy ?? null,
    awardedAt: call.awardedAt ?? null,
    needId: call.needId ? String(call.needId) : null,
    matchId: call.matchId ? String(call.matchId) : null,
    createdAt: call.createdAt,
  };
}

/** Views of calls with their organisations' names. */
export async function toCallViews(calls: readonly CallRecord[]): Promise<CallView[]> {
  const orgs = await getOrganisationRecords(calls.map((c) => c.organisationId));
  const names = new Map(orgs.map((o) => [String(o._id), o.name]));
  return calls.map((c) => toCallView(c, names.get(String(c.organisationId)) ?? ''));
}

/** The calls an expert may see: open ones whose expertise they meet, and those they applied to or are named in. */
async function expertSees(ctx: Context, actor: Actor, calls: CallRecord[]): Promise<CallRecord[]> {
  const expertId = actor.expertId;
  if (!expertId) return [];
  const ids = calls.map((c) => c._id);
  const applied = new Set(
    (
      await CallApplication.find({
        callId: { $in: ids },
        $or: [{ leadExpertId: expertId }, { memberExpertIds: expertId }],
      })
        .select('callId')
        .lean()
    ).map((a) => String(a.callId)),
  );
  const open = calls.filter((c) => c.status === 'open' && !applied.has(String(c._id)));
  const verdicts = (await verdictsFor(ctx, expertId, open)) ?? [];
  const eligible = new Set(open.filter((_, k) => mayApply(verdicts[k])).map((c) => String(c._id)));
  return calls.filter((c) => applied.has(String(c._id)) || eligible.has(String(c._id)));
}

/**
 * Calls opened after `since` that the expert may apply to now, as their call list says it (open, the
 * last day not over, the expertise met, not applied to or named in yet), best fit first, at most `limit`.
 */
export async function newCallsFor(
  ctx: Context,
  expertId: string,
  since: Date,
  limit: number,
  now = new Date(),
): Promise<CallView[]> {
  const fresh = await Call.find({ status: 'open', openedAt: { $gt: since }, closesAt: { $gt: now } })
    .sort({ openedAt: -1, _id: -1 })
    .lean<CallRecord[]>();
  if (fresh.length === 0) return [];
  const applied = await CallApplication.find({
    callId: { $in: fresh.map((c) => c._id) },
    $or: [{ leadExpertId: expertId }, { memberExpertIds: expertId }],
  })
    .select('callId')
    .lean();
  const taken = new Set(applied.map((a) => String(a.callId)));
  const untaken = fresh.filter((c) => !taken.has(String(c._id)));
  const verdicts = (await verdictsFor(ctx, expertId, untaken)) ?? [];
  const score = (k: number) => {
    const v = verdicts[k];
    return v && !v.excluded ? v.score : -1;
  };
  const best = untaken
    .map((c, k) => ({ c, k }))
    .filter(({ k }) => mayApply(verdicts[k]))
    .sort((a, b) => score(b.k) - score(a.k))
    .slice(0, limit)
    .map(({ c }) => c);
  return toCallViews(best);
}

/** One call the actor may see: staff any, an employer its own, an expert as `expertSees` says. */
export async function loadVisibleCall(ctx: Context, actor: Actor, id: string): Promise<CallRecord> {
  const call = await Call.findById(id).lean<CallRecord>();
  if (!call) throw notFound();
  if (isStaff(actor)) return call;
  if (actor.role === 'employer' && actor.organisationId === String(call.organisationId)) return call;
  if (actor.role === 'expert' && (await expertSees(ctx, actor, [call])).length === 1) return call;
  throw notFound();
}

export async function getCall(ctx: Context, actor: Actor, id: string): Promise<CallView> {
  const [view] = await toCallViews([await loadVisibleCall(ctx, actor, id)]);
  return view;
}

/**
 * Calls, newest first: staff all, an employer its own, an expert the open calls they may apply to and
 * those they applied to (open calls are few: they are filtered in memory, then paged).
 */
export async function listCalls(ctx: Context, actor: Actor, query: ListCallsQuery) {
  const { page, pageSize } = query;
  const filter: Record<string, unknown> = {};
  if (query.status && actor.role !== 'expert') filter.status = query.status;
  if (isStaff(actor)) {
    if (query.organisationId) filter.organisationId = query.organisationId;
  } else if (actor.role === 'employer' && actor.organisationId) {
    filter.organisationId = actor.organisationId;
  } else if (actor.role !== 'expert') {
    return { items: [], page, pageSize, total: 0 };
  }
  if (actor.role === 'expert') {
    const candidates = await Call.find({ status: { $in: ['open', 'closed', 'awarded'] } })
      .sort({ createdAt: -1, _id: -1 })
      .lean<CallRecord[]>();
    const seen = await expertSees(ctx, actor, candidates);
    const items = await toCallViews(seen.slice((page - 1) * pageSize, page * pageSize));
    return { items, page, pageSize, total: seen.length };
  }
  const [calls, total] = await Promise.all([
    Call.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<CallRecord[]>(),
    Call.countDocuments(filter),
  ]);
  return { items: await toCallViews(calls), page, pageSize, total };
}

/** A draft call; publishing it is a separate step (the organisation must be verified by then). */
export async function createCall(actor: Actor, body: CreateCallBody): Promise<CallView> {
  const { organisationId: requested, ...fields } = body;
  const organisationId = postingOrganisation(actor, requested, 'a call');
  if (!(await organisationExists(organisationId))) throw new NotFoundError('Organisation');
  const call = await withTransaction(async (session) => {
    const [created] = await Call.create(
      [
        {
          ...fields,
          organisationId,
          closesAt: closingTime(fields.applyBy),
          status: 'draft',
          createdBy: actor.userId,
        },
      ],
      { session },
    );
    if (isStaff(actor)) {
      const target = { type: 'call', id: String(created._id) };
      await recordAudit(actor, 'call.create', target, { organisationId }, session);
    }
    return created.toObject() as CallRecord;
  });
  return (await toCallViews([call]))[0];
}

/** Moves a call from one of `from` by one conditional update, with the staff's audit entry; 409 otherwise. */
export async function moveCall(
  actor: Actor,
  id: string,
  from: readonly CallStatus[],
  set: Record<string, unknown>,
  action: string,
): Promise<CallRecord> {
  return withTransaction((session) => moveCallIn(session, actor, id, from, set, action));
}

/** `moveCall` within a step's own transaction. */
async function moveCallIn(
  session: ClientSession,
  actor: Actor,
  id: string,
  from: readonly CallStatus[],
  set: Record<string, unknown>,
  action: string,
): Promise<CallRecord> {
  const moved = await Call.findOneAndUpdate(
    { _id: id, status: { $in: from } },
    { $set: set },
    { returnDocument: 'after', session },
  ).lean<CallRecord>();
  if (!moved) {
    const current = await Call.findById(id).session(session).select('status').lean();
    if (!current) throw notFound();
    throw new ConflictError(`A call that is ${current.status} cannot make this step.`, 'ILLEGAL_TRANSITION', {
      status: current.status,
    });
  }
  if (isStaff(actor)) {
    await recordAudit(actor, action, { type: 'call', id }, { status: moved.status }, session);
  }
  return moved;
}

/** The caller's own call (an employer) or any (staff), for a step on it; 404 otherwise. */
async function loadOwnCall(actor: Actor, id: string): Promise<CallRecord> {
  const call = await Call.findById(id).lean<CallRecord>();
  if (!call) throw notFound();
  if (!isStaff(actor) && actor.organisationId !== String(call.organisationId)) throw notFound();
  return call;
}

/** draft → open, for a verified organisation, before the deadline; the close is scheduled at the deadline. */
export async function publishCall(ctx: Context, actor: Actor, id: string): Promise<CallView> {
  const call = await loadOwnCall(actor, id);
  const org = await getOrganisationRecord(call.organisationId);
  if (org?.status !== 'verified') {
    throw new ConflictError(
      'The organisation has not been verified yet; the call stays a draft until it is.',
      'ORGANISATION_NOT_VERIFIED',
    );
  }
  if (call.closesAt.getTime() <= Date.now()) {
    throw new ConflictError('The last day to apply has passed; post the call again.', 'DEADLINE_PASSED');
  }
  const opened = await moveCall(
    actor,
    id,
    ['draft'],
    { status: 'open', openedAt: new Date() },
    'call.publish',
  );
  await scheduleCallClose(ctx, { callId: id, closesAt: opened.closesAt });
  return toCallView(opened, org.name);
}

/** open → closed by the employer (or the office), before the deadline: no more applications. */
export async function closeCall(_ctx: Context, actor: Actor, id: string): Promise<CallView> {
  await loadOwnCall(actor, id);
  const set = { status: 'closed', closedAt: new Date(), closedBy: 'employer' };
  const closed = await moveCall(actor, id, ['open'], set, 'call.close');
  return (await toCallViews([closed]))[0];
}

/** Applications still in the running: their people hear when the call is cancelled. */
const LIVE_APPLICATIONS = ['submitted', 'shortlisted'] as const;

/**
 * Each expert named in a live application (its lead and members, once each) hears the call is off;
 * experts without an address are skipped (the office phones them).
 */
async function cancelledEmails(
  ctx: Context,
  call: CallRecord,
  applications: readonly CallApplicationRecord[],
  at: Date,
): Promise<EnqueueEmailInput[]> {
  const named = new Map<string, { applicationId: string; lead: boolean }>();
  for (const a of applications) {
    const applicationId = String(a._id);
    for (const [k, id] of [a.leadExpertId, ...a.memberExpertIds].entries()) {
      if (!named.has(String(id))) named.set(String(id), { applicationId, lead: k === 0 });
    }
  }
  if (named.size === 0) return [];
  const experts = await getExpertRecords([...named.keys()]);
  const organisationName = (await getOrganisationRecord(call.organisationId))?.name ?? '';
  return experts.flatMap((expert) => {
    const about = named.get(String(expert._id));
    const envelope = about && envelopeFor(expert, { type: 'call-application', id: about.applicationId });
    if (!envelope || !about) return [];
    return [
      {
        ...envelope,
        kind: 'call-cancelled-applicant' as const,
        data: {
          applicationId: about.applicationId,
          expertName: expert.name,
          lead: about.lead,
          callTitle: call.title,
          organisationName,
          cancelledAt: at,
          callsUrl: `${ctx.config.http.publicUrl}/expert/calls`,
        },
      },
    ];
  });
}

/**
 * A call not yet awarded may be cancelled. In one transaction with the cancellation, each expert of an
 * application still submitted or shortlisted is told.
 */
export async function cancelCall(ctx: Context, actor: Actor, id: string): Promise<CallView> {
  await loadOwnCall(actor, id);
  const at = new Date();
  const set = { status: 'cancelled', cancelledAt: at };
  const cancelled = await withOutbox(ctx, async (tx) => {
    const moved = await moveCallIn(tx.session, actor, id, ['draft', 'open', 'closed'], set, 'call.cancel');
    const live = await CallApplication.find({ callId: id, status: { $in: LIVE_APPLICATIONS } })
      .session(tx.session)
      .lean<CallApplicationRecord[]>();
    for (const email of await cancelledEmails(ctx, moved, live, at)) await tx.email(email);
    return moved;
  });
  return (await toCallViews([cancelled]))[0];
}
