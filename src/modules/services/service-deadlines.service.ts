import type { Context } from '../../context';
import { activeCoordinators, getActiveUser } from '../accounts/user-records.service';
import { withOutbox } from '../email/outbox-transaction';
import { expertLabels } from '../experts/expert-records.service';
import { liaisonOf } from '../liaisons/liaison-assignment.service';
import { toServiceView } from './catalogue.service';
import { Service, type ServiceRecord } from './service.model';
import { ServiceRequest, type ServiceRequestRecord } from './service-request.model';
import { overdueEmail, unitEmail } from './service-request-emails';
import { OPEN_REQUEST_STATUSES } from './services.schemas';

/**
 * Deadlines of requests: the reminder to the unit one working day before, the escalation to the office
 * (and to the expert's liaison) when overdue. Each acts once: a conditional update on the recorded state
 * (remindedAt, escalatedAt), in the transaction of its emails, so a job run twice — or a job and the
 * sweep — sends nothing twice.
 */

async function serviceOf(r: ServiceRequestRecord) {
  const s = await Service.findOne({ code: r.serviceCode }).lean<ServiceRecord>();
  return s ? toServiceView(s) : undefined;
}

/** Reminds the unit of one open request when its reminder is due; false when not due or done already. */
export async function remindServiceRequest(ctx: Context, id: string, now = new Date()): Promise<boolean> {
  const current = await ServiceRequest.findById(id).lean<ServiceRequestRecord>();
  const service = current && (await serviceOf(current));
  if (!service) return false;
  return withOutbox(ctx, async (tx) => {
    const r = await ServiceRequest.findOneAndUpdate(
      {
        _id: id,
        status: { $in: OPEN_REQUEST_STATUSES },
        remindedAt: { $exists: false },
        remindAt: { $lte: now },
      },
      { $set: { remindedAt: now } },
      { returnDocument: 'after', session: tx.session },
    ).lean<ServiceRequestRecord>();
    if (!r) return false;
    await tx.email(unitEmail(ctx, 'service-request-reminder', r, service));
    return true;
  });
}

/** The expert's liaison to tell, with the expert's name: none when unassigned or the account is disabled. */
async function liaisonToTell(expertId: string) {
  const current = await liaisonOf(expertId);
  if (!current) return undefined;
  const [user, labels] = await Promise.all([getActiveUser(current.liaisonId), expertLabels([expertId])]);
  return user ? { user, expertName: labels.get(expertId)?.name || undefined } : undefined;
}

/**
 * Tells the office (every active coordinator) of one open request past its promised time, and the
 * expert's liaison as their liaison — one message each, the liaison's in place of their office copy.
 * Once per request.
 */
export async function escalateServiceRequest(ctx: Context, id: string, now = new Date()): Promise<boolean> {
  const current = await ServiceRequest.findById(id).lean<ServiceRequestRecord>();
  const service = current && (await serviceOf(current));
  if (!service) return false;
  const [coordinators, liaison] = await Promise.all([
    activeCoordinators(),
    liaisonToTell(String(current.expertId)),
  ]);
  const office = coordinators.filter((c) => String(c._id) !== String(liaison?.user._id));
  return withOutbox(ctx, async (tx) => {
    const r = await ServiceRequest.findOneAndUpdate(
      {
        _id: id,
        status: { $in: OPEN_REQUEST_STATUSES },
        escalatedAt: { $exists: false },
        dueAt: { $lte: now },
      },
      { $set: { escalatedAt: now } },
      { returnDocument: 'after', session: tx.session },
    ).lean<ServiceRequestRecord>();
    if (!r) return false;
    if (liaison) await tx.email(overdueEmail(ctx, r, service, liaison.user, liaison.expertName));
    for (const c of office) await tx.email(overdueEmail(ctx, r, service, c));
    return true;
  });
}

const SWEEP_LIMIT = 500;

/**
 * What lost delayed jobs (Redis restarted empty, or down when the request was filed) should have done:
 * due reminders and escalations, as of `now`. Runs at worker start and periodically.
 */
export async function sweepServiceDeadlines(ctx: Context, now = new Date()) {
  const open = { $in: OPEN_REQUEST_STATUSES };
  const toRemind = await ServiceRequest.find({
    status: open,
    remindedAt: { $exists: false },
    remindAt: { $lte: now },
  })
    .select('_id')
    .sort({ remindAt: 1, _id: 1 })
    .limit(SWEEP_LIMIT)
    .lean<ServiceRequestRecord[]>();
  let reminded = 0;
  for (const r of toRemind) if (await remindServiceRequest(ctx, String(r._id), now)) reminded++;
  const toEscalate = await ServiceRequest.find({
    status: open,
    escalatedAt: { $exists: false },
    dueAt: { $lte: now },
  })
    .select('_id')
    .sort({ dueAt: 1, _id: 1 })
    .limit(SWEEP_LIMIT)
    .lean<ServiceRequestRecord[]>();
  let escalated = 0;
  for (const r of toEscalate) if (await escalateServiceRequest(ctx, String(r._id), now)) escalated++;
  return { reminded, escalated };
}
