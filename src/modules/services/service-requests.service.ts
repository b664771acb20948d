import type { ClientSession, Types } from 'mongoose';
import { z } from 'zod';
import type { Context } from '../../context';
import { type Actor, isStaff } from '../../lib/actor';
import { ConflictError, type ErrorDetail, NotFoundError, ValidationError } from '../../lib/errors';
import { DateOnly, singleLine } from '../../lib/schemas';
import { recordAudit } from '../audit/audit.service';
import { withOutbox } from '../email/outbox-transaction';
import { expertLabels, getExpertRecord } from '../experts/expert-records.service';
import { expertMatchesIn, type MatchStatus } from '../matches/match-queries.service';
import { exclusiveOrganisationOf } from '../organisations/nomination.service';
import { activeService } from './catalogue.service';
import {
  ATTACHMENT_METADATA,
  ServiceAttachment,
  type ServiceAttachmentRecord,
} from './service-attachment.model';
import { ServiceRequest, type ServiceRequestRecord } from './service-request.model';
import { type ExpertStep, expertEmail, unitEmail } from './service-request-emails';
import { scheduleServiceDeadlines } from './services.jobs';
import {
  type AttachmentView,
  type FileRequestBody,
  type ListRequestsQuery,
  OPEN_REQUEST_STATUSES,
  type RequestStatus,
  type ServiceDefinition,
  type ServiceRequestView,
} from './services.schemas';
import { chinaDay, serviceDeadlines, WORKING_CALENDAR } from './working-days';

type Facts = Record<string, string | number>;
type Field = ServiceDefinition['fields'][number];

function factSchema(field: Field): z.ZodType {
  switch (field.type) {
    case 'date':
      return DateOnly;
    case 'number':
      return z.number().finite().min(0).max(1e9);
    case 'choice':
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]]);
    default:
      return singleLine(500);
  }
}

/** A date fact on the wrong side of today (China time) or before the date it follows; undefined when fine. */
function dateProblem(field: Field, value: string, facts: Facts, today: string): string | undefined {
  if (field.when === 'future' && value < today) return 'must not be in the past';
  if (field.when === 'past' && value > today) return 'must not be in the future';
  const before = field.notBefore ? facts[field.notBefore] : undefined;
  if (typeof before === 'string' && value < before) return `must not be before ${field.notBefore}`;
  return undefined;
}

/** The facts checked against the service's own fields: each misfit is a 400 naming body.facts.<key>. */
export function parseFacts(
  service: ServiceDefinition,
  facts: Record<string, unknown>,
  now = new Date(),
): Facts {
  const details: ErrorDetail[] = [];
  const fields = new Map(service.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(facts)) {
    if (!fields.has(key)) details.push({ path: `body.facts.${key}`, message: 'not a field of this service' });
  }
  const out: Facts = {};
  for (const field of service.fields) {
    const path = `body.facts.${field.key}`;
    const value = facts[field.key];
    if (value === undefined || value === '') {
      if (field.required) details.push({ path, message: 'required' });
      continue;
    }
    const parsed = factSchema(field).safeParse(value);
    if (parsed.success) out[field.key] = parsed.data as string | number;
    else details.push({ path, message: parsed.error.issues[0]?.message ?? 'not valid' });
  }
  const today = chinaDay(now);
  for (const field of service.fields) {
    const value = out[field.key];
    if (field.type !== 'date' || typeof value !== 'string') continue;
    const problem = dateProblem(field, value, out, today);
    if (problem) details.push({ path: `body.facts.${field.key}`, message: problem });
  }
  if (details.length > 0) throw new ValidationError('Some facts do not fit the service.', details);
  return out;
}

/** Which requests a caller may see: their own, their unit's queue, their nominees' (status only), or all. */
function visibleScope(actor: Actor): Record<string, unknown> {
  switch (actor.role) {
    case 'expert':
      return { expertId: actor.expertId ?? null };
    case 'service_unit':
      return { unitCode: actor.unitCode ?? null };
    case 'employer':
      return { organisationId: actor.organisationId ?? null };
    default:
      return {};
  }
}

const masked = (actor: Actor) => actor.role === 'employer';

export function toAttachmentView(a: ServiceAttachmentRecord): AttachmentView {
  return {
    id: String(a._id),
    requestId: String(a.requestId),
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    uploadedBy: String(a.uploadedBy),
    uploadedByRole: a.uploadedByRole,
    uploadedAt: a.uploadedAt,
  };
}

/** The attachments of these requests (without their bytes), by request id, oldest first. */
async function attachmentsOf(requestIds: Types.ObjectId[]): Promise<Map<string, AttachmentView[]>> {
  const out = new Map<string, AttachmentView[]>();
  if (requestIds.length === 0) return out;
  const found = await ServiceAttachment.find({ requestId: { $in: requestIds } }, ATTACHMENT_METADATA)
    .sort({ uploadedAt: 1, _id: 1 })
    .lean<ServiceAttachmentRecord[]>();
  for (const a of found) {
    const key = String(a.requestId);
    out.set(key, [...(out.get(key) ?? []), toAttachmentView(a)]);
  }
  return out;
}

export function toRequestView(
  r: ServiceRequestRecord,
  expertName: string | null,
  hide: boolean,
  now = new Date(),
  attachments: AttachmentView[] = [],
): ServiceRequestView {
  const open = OPEN_REQUEST_STATUSES.includes(r.status);
  return {
    id: String(r._id),
    serviceCode: r.serviceCode,
    serviceName: { zh: r.serviceName.zh, en: r.serviceName.en },
    unitCode: r.unitCode,
    unitName: { zh: r.unitName.zh, en: r.unitName.en },
    expertId: String(r.expertId),
    expertName,
    forFamily: Boolean(r.forFamily),
    priority: Boolean(r.priority),
    status: r.status,
    submittedAt: r.submittedAt,
    dueAt: r.dueAt,
    dueDay: r.dueDay,
    overdue: open && r.dueAt.getTime() < now.getTime(),
    doneAt: r.doneAt ?? null,
    facts: hide ? null : ((r.facts ?? {}) as Facts),
    note: hide ? null : (r.note ?? null),
    reason: hide ? null : (r.reason ?? null),
    rating: r.rating
      ? { score: r.rating.score, comment: hide ? null : (r.rating.comment ?? null), at: r.rating.at }
      : null,
    history: hide
      ? []
      : r.history.map((h) => ({
          from: (h.from ?? null) as RequestStatus | null,
          to: h.to,
          at: h.at,
          byRole: h.byRole,
          reason: h.reason ?? null,
        })),
    attachments: hide ? [] : attachments,
  };
}

async function views(actor: Actor, records: ServiceRequestRecord[], now = new Date()) {
  const names = await expertLabels([...new Set(records.map((r) => String(r.expertId)))]);
  const attachments = masked(actor) ? new Map() : await attachmentsOf(records.map((r) => r._id));
  return records.map((r) =>
    toRequestView(
      r,
      names.get(String(r.expertId))?.name ?? null,
      masked(actor),
      now,
      attachments.get(String(r._id)),
    ),
  );
}

/** The expert a request serves: the caller (an expert), one named by staff, or an employer's nominee. */
async function servedExpert(
  actor: Actor,
  named: string | undefined,
  keyOrg: (id: string) => Promise<string | null>,
) {
  if (actor.role === 'expert') {
    if (!actor.expertId || (named && named !== actor.expertId)) throw new NotFoundError('Expert');
    return actor.expertId;
  }
  if (!named) {
    throw new ValidationError('Name the expert served.', [{ path: 'body.expertId', message: 'required' }]);
  }
  if (actor.role === 'employer' && (await keyOrg(named)) !== actor.organisationId) {
    throw new NotFoundError('Expert'); // not its nominated talent: as if it did not exist
  }
  return named;
}

const notEligible = (why: string) => new ConflictError(why, 'NOT_ELIGIBLE');
/** An expert may use the desk from the moment they accept an engagement (housing before arrival). */
const ENGAGED: readonly MatchStatus[] = ['accepted', 'engaged'];
const hasEngagement = async (expertId: string) => (await expertMatchesIn(expertId, ENGAGED)).length > 0;

/**
 * Whether the expert may file requests at all: an engagement accepted or started, or a place on a key
 * enterprise's exclusive track. The pages ask before showing the form, so nobody fills it in vain.
 */
export async function mayUseServiceDesk(expertId: string): Promise<boolean> {
  return (await hasEngagement(expertId)) || (await exclusiveOrganisationOf(expertId)) !== null;
}

/**
 * Files a request: checked against the service's fields and who may use it, stored with its working-day
 * deadline, the requester and the unit emailed (outbox), all in one transaction; then the reminder and
 * escalation jobs are scheduled. A nominated key talent's request is marked priority.
 */
export async function fileRequest(ctx: Context, actor: Actor, body: FileRequestBody, now = new Date()) {
  const service = await activeService(body.serviceCode);
  if (!service) throw new NotFoundError('Service');
  const keyOrgs = new Map<string, string | null>();
  const keyOrg = async (id: string) => {
    if (!keyOrgs.has(id)) keyOrgs.set(id, await exclusiveOrganisationOf(id));
    return keyOrgs.get(id) ?? null;
  };
  const expertId = await servedExpert(actor, body.expertId, keyOrg);
  const expert = await getExpertRecord(expertId);
  if (!expert || expert.status === 'deleted') throw new NotFoundError('Expert');
  const organisationId = await keyOrg(expertId);
  if (body.forFamily && !service.eligible.includes('family')) {
    throw notEligible('This service is not offered to family members.');
  }
  if (!organisationId) {
    if (!service.eligible.includes('engaged_expert')) {
      throw notEligible('This service is for nominated key talents.');
    }
    if (!(await hasEngagement(expertId))) {
      throw notEligible('Talent services are for experts who have accepted or started an engagement.');
    }
  }
  const facts = parseFacts(service, body.facts, now);
  const { dueDay, dueAt, remindAt } = serviceDeadlines(now, service.promisedDays, WORKING_CALENDAR);
  const created = await withOutbox(ctx, async (tx) => {
    const [doc] = await ServiceRequest.create(
      [
        {
          serviceCode: service.code,
          unitCode: service.unit.code,
          serviceName: service.name,
          unitName: service.unit.name,
          expertId,
          organisationId: organisationId ?? undefined,
          filedBy: actor.userId,
          filedByRole: actor.role,
          forFamily: Boolean(body.forFamily),
          priority: Boolean(organisationId),
          facts,
          note: body.note || undefined,
          status: 'submitted',
          submittedAt: now,
          dueDay,
          dueAt,
          remindAt,
          history: [{ to: 'submitted', at: now, byUserId: actor.userId, byRole: actor.role }],
        },
      ],
      { session: tx.session },
    );
    const record = doc.toObject() as ServiceRequestRecord;
    const target = { type: 'service-request', id: String(record._id) };
    await recordAudit(actor, 'service-request.file', target, { serviceCode: service.code }, tx.session);
    const received = expertEmail(ctx, 'received', record, service, expert);
    if (received) await tx.email(received);
    await tx.email(unitEmail(ctx, 'service-request-new-unit', record, service));
    return record;
  });
  await scheduleServiceDeadlines(ctx, String(created._id), { remindAt, dueAt }, now.getTime());
  return toRequestView(created, expert.name, masked(actor), now);
}

export async function listRequests(actor: Actor, q: ListRequestsQuery, now = new Date()) {
  const filter: Record<string, unknown> = { ...visibleScope(actor) };
  if (q.status) filter.status = q.status;
  if (q.serviceCode) filter.serviceCode = q.serviceCode;
  if (q.unitCode && isStaff(actor)) filter.unitCode = q.unitCode;
  if (q.expertId && (isStaff(actor) || actor.role === 'service_unit')) filter.expertId = q.expertId;
  if (q.overdue === 'true') {
    filter.status =
      q.status && OPEN_REQUEST_STATUSES.includes(q.status) ? q.status : { $in: OPEN_REQUEST_STATUSES };
    filter.dueAt = { $lt: now };
  }
  // A unit (and the office) works the queue: key talents first, then the nearest deadline.
  const queue = actor.role === 'service_unit' || isStaff(actor);
  const sort: Record<string, 1 | -1> = queue
    ? { priority: -1, dueAt: 1, _id: 1 }
    : { submittedAt: -1, _id: -1 };
  const [items, total] = await Promise.all([
    ServiceRequest.find(filter)
      .sort(sort)
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<ServiceRequestRecord[]>(),
    ServiceRequest.countDocuments(filter),
  ]);
  return { items: await views(actor, items, now), page: q.page, pageSize: q.pageSize, total };
}

async function loadVisible(actor: Actor, id: string, session?: ClientSession) {
  const r = await ServiceRequest.findOne({ _id: id, ...visibleScope(actor) })
    .session(session ?? null)
    .lean<ServiceRequestRecord>();
  if (!r) throw new NotFoundError('Service request');
  return r;
}

export async function getRequest(actor: Actor, id: string) {
  const [view] = await views(actor, [await loadVisible(actor, id)]);
  return view;
}

/** The lifecycle: which status may follow which. Anything else is a 409 with nothing changed. */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  submitted: ['accepted', 'refused', 'withdrawn'],
  accepted: ['in_progress', 'refused', 'withdrawn'],
  in_progress: ['done', 'refused', 'withdrawn'],
  done: [],
  refused: [],
  withdrawn: [],
};

const illegal = (status: string, requested: string) =>
  new ConflictError(`A request that is ${status} cannot become ${requested}.`, 'ILLEGAL_TRANSITION', {
    status,
    requested,
  });

/**
 * Moves a request on with one conditional update on the status just read, with its history line: of two
 * callers racing, one wins and the other gets 409. `scope` limits who may (another's request is a 404).
 */
async function transition(
  session: ClientSession,
  input: {
    id: string;
    scope: Record<string, unknown>;
    to: RequestStatus;
    actor: Actor;
    reason?: string;
    now: Date;
  },
): Promise<ServiceRequestRecord> {
  const filter = { _id: input.id, ...input.scope };
  const current = await ServiceRequest.findOne(filter).session(session).lean<ServiceRequestRecord>();
  if (!current) throw new NotFoundError('Service request');
  if (!REQUEST_TRANSITIONS[current.status].includes(input.to)) throw illegal(current.status, input.to);
  const set: Record<string, unknown> = { status: input.to };
  if (input.reason) set.reason = input.reason;
  if (input.to === 'done') set.doneAt = input.now;
  const updated = await ServiceRequest.findOneAndUpdate(
    { ...filter, status: current.status },
    {
      $set: set,
      $push: {
        history: {
          from: current.status,
          to: input.to,
          at: input.now,
          byUserId: input.actor.userId,
          byRole: input.actor.role,
          reason: input.reason,
        },
      },
    },
    { returnDocument: 'after', session },
  ).lean<ServiceRequestRecord>();
  if (!updated) throw illegal('changed meanwhile', input.to);
  return updated;
}

/** Who may handle a request: its unit, or the office. */
function handlerScope(actor: Actor): Record<string, unknown> {
  if (actor.role === 'service_unit') return { unitCode: actor.unitCode ?? null };
  if (isStaff(actor)) return {};
  return { _id: null };
}

/** Who may withdraw or rate: the expert served, whoever filed it, or the office (withdrawal only). */
function requesterScope(actor: Actor, staffToo: boolean): Record<string, unknown> {
  if (actor.role === 'expert') return { expertId: actor.expertId ?? null };
  if (staffToo && isStaff(actor)) return {};
  return { filedBy: actor.userId };
}

const STEP_OF: Partial<Record<RequestStatus, ExpertStep>> = {
  accepted: 'accepted',
  in_progress: 'in-progress',
  done: 'done',
  refused: 'refused',
};

export type RequestAction = 'accept' | 'start' | 'complete' | 'refuse' | 'withdraw';
const TARGET: Record<RequestAction, RequestStatus> = {
  accept: 'accepted',
  start: 'in_progress',
  complete: 'done',
  refuse: 'refused',
  withdraw: 'withdrawn',
};

/**
 * One step of a request, in one transaction with its audit entry and the email to the expert served.
 * A withdrawal is the requester's (no email: they did it); the others are the unit's or the office's.
 */
export async function moveRequest(
  ctx: Context,
  actor: Actor,
  id: string,
  action: RequestAction,
  reason?: string,
  now = new Date(),
) {
  const to = TARGET[action];
  const scope = action === 'withdraw' ? requesterScope(actor, true) : handlerScope(actor);
  const updated = await withOutbox(ctx, async (tx) => {
    const r = await transition(tx.session, { id, scope, to, actor, reason, now });
    await recordAudit(
      actor,
      `service-request.${action}`,
      { type: 'service-request', id },
      { to },
      tx.session,
    );
    const step = STEP_OF[to];
    if (step) {
      const expert = await getExpertRecord(String(r.expertId), tx.session);
      const service = await activeServiceOrSnapshot(r);
      const moved = expert && expert.status !== 'deleted' && expertEmail(ctx, step, r, service, expert);
      if (moved) await tx.email(moved);
    }
    return r;
  });
  const [view] = await views(actor, [updated], now);
  return view;
}

/** For emails: the request's own names (the service may have been retired since). */
async function activeServiceOrSnapshot(r: ServiceRequestRecord): Promise<ServiceDefinition> {
  const service = await activeService(r.serviceCode);
  return (
    service ?? {
      code: r.serviceCode,
      category: 'daily',
      name: r.serviceName,
      description: r.serviceName,
      unit: { code: r.unitCode, name: r.unitName, phone: '', email: '' },
      eligible: [],
      fields: [],
      promisedDays: 1,
      active: false,
    }
  );
}

/** After done, the expert served (or whoever filed it) rates it once: 1–5, with an optional comment. */
export async function rateRequest(
  actor: Actor,
  id: string,
  score: number,
  comment?: string,
  now = new Date(),
) {
  const scope = requesterScope(actor, false);
  const updated = await ServiceRequest.findOneAndUpdate(
    { _id: id, ...scope, status: 'done', rating: { $exists: false } },
    { $set: { rating: { score, comment: comment || undefined, at: now } } },
    { returnDocument: 'after' },
  ).lean<ServiceRequestRecord>();
  if (!updated) {
    const current = await ServiceRequest.findOne({ _id: id, ...scope }).lean<ServiceRequestRecord>();
    if (!current) throw new NotFoundError('Service request');
    if (current.rating) throw new ConflictError('This request was rated already.', 'ALREADY_RATED');
    throw new ConflictError('Only a finished request can be rated.', 'NOT_DONE');
  }
  const [view] = await views(actor, [updated], now);
  return view;
}

/** Every request served to the expert, newest first, as the expert sees them (their data export). */
export async function requestsOfExpert(expertId: string, now = new Date()): Promise<ServiceRequestView[]> {
  const records = await ServiceRequest.find({ expertId })
    .sort({ submittedAt: -1, _id: -1 })
    .lean<ServiceRequestRecord[]>();
  const attachments = await attachmentsOf(records.map((r) => r._id));
  return records.map((r) => toRequestView(r, null, false, now, attachments.get(String(r._id))));
}

export const EXPERT_ERASED_REASON = 'expert deleted their data';

/**
 * When an expert deletes their data: each open request is withdrawn (a conditional update on its
 * status, with a history line; no email), then every request loses its facts, note and rating comment.
 * Status, dates and the score stay for the counts. Safe to run again. Statuses only move forward
 * (submitted → accepted → in_progress), so one pass per status in that order catches a request that
 * moves on meanwhile.
 */
export async function forgetExpertRequests(
  actor: Actor,
  expertId: string,
  now = new Date(),
): Promise<{ withdrawn: number }> {
  let withdrawn = 0;
  for (const from of OPEN_REQUEST_STATUSES) {
    const res = await ServiceRequest.updateMany(
      { expertId, status: from },
      {
        $set: { status: 'withdrawn', reason: EXPERT_ERASED_REASON },
        $push: {
          history: {
            from,
            to: 'withdrawn',
            at: now,
            byUserId: actor.userId,
            byRole: actor.role,
            reason: EXPERT_ERASED_REASON,
          },
        },
      },
    );
    withdrawn += res.modifiedCount;
  }
  await ServiceRequest.updateMany(
    { expertId, $or: [{ facts: { $ne: {} } }, { note: { $exists: true } }] },
    { $set: { facts: {} }, $unset: { note: 1 } },
  );
  await ServiceRequest.updateMany(
    { expertId, 'rating.comment': { $exists: true } },
    { $unset: { 'rating.comment': 1 } },
  );
  return { withdrawn };
}
