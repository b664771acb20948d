import type { Context } from '../../context';
import { activeCoordinators } from '../accounts/user-records.service';
import { withOutbox } from '../email/outbox-transaction';
import { toServiceView } from './catalogue.service';
import { Service, type ServiceRecord } from './service.model';
import { ServiceRequest, type ServiceRequestRecord } from './service-request.model';
import { overdueEmail, unitEmail } from './service-request-emails';
import { OPEN_REQUEST_STATUSES } from './services.schemas';

/**
 * Deadlines of requests: the reminder to the unit one working day before, the escalation to the office
 * when overdue. Each acts once: a conditional update on the recorded state (remindedAt, escalatedAt),
 * in the transaction of its emails, so a job run twice — or a job and the sweep — sends nothing twice.
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

/** Tells every coordinator of one open request past its promised time; once per request. */
export async function escalateServiceRequest(ctx: Context, id: string, now = new Date()): Promise<boolean> {
  const current = await ServiceRequest.findById(id).lean<ServiceRequestRecord>();
  const service = current && (await serviceOf(current));
  if (!service) return false;
  const coordinators = await activeCoordinators();
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
    for (const c of coordinators) await tx.email(overdueEmail(ctx, r, service, c));
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
