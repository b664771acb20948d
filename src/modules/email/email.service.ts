import type { ClientSession } from 'mongoose';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { Context } from '../../context';
import { type ErrorDetail, ValidationError } from '../../lib/errors';
import { Email, Language } from '../../lib/schemas';
import { EMAIL_QUEUE, type EmailQueueJobData } from './email.jobs';
import { EMAIL_KINDS, type EmailDataInput, EmailDataSchemas, type EmailKind } from './email.kinds';
import { OutboxEmail, type OutboxStatus } from './outbox.model';

/** What a caller asks for: one message of one kind to one person, with that kind's data. */
export type EnqueueEmailInput = {
  [K in EmailKind]: {
    kind: K;
    /** A single address; validated (a CR/LF or a second address is refused). */
    to: string;
    toName?: string;
    language: 'zh-CN' | 'en';
    data: EmailDataInput<K>;
    /** What the message is about, for coordinators and for finding it again: `{ type: 'match', id }`. */
    related?: { type: string; id: string };
  };
}[EmailKind];

export interface QueuedEmail {
  /** The outbox id. */
  id: string;
  /** Adds the BullMQ job; never throws (false when Redis did not take it; the reconciler will). */
  dispatch(): Promise<boolean>;
}

const EnvelopeSchema = z
  .object({
    kind: z.enum(EMAIL_KINDS),
    to: Email,
    toName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\r\n]*$/, 'a single line')
      .optional(),
    language: Language,
    data: z.unknown(),
    related: z
      .object({ type: z.string().regex(/^[a-z][a-z-]{0,49}$/), id: z.string().regex(/^[\w-]{1,50}$/) })
      .strict()
      .optional(),
  })
  .strict();

/** The process's producer of the email queue. */
export const emailQueue = (ctx: Context) => ctx.queues.get<EmailQueueJobData>(EMAIL_QUEUE);

function invalid(issues: z.core.$ZodIssue[], prefix: string[] = []): ValidationError {
  const details: ErrorDetail[] = issues.map((i) => ({
    path: [...prefix, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return new ValidationError('The email is not valid.', details);
}

/** Validates the envelope and the kind's data; every link must point at this service (PUBLIC_URL). */
function parseEmailInput(input: EnqueueEmailInput, publicUrl: string) {
  const envelope = EnvelopeSchema.safeParse(input);
  if (!envelope.success) throw invalid(envelope.error.issues);
  const { kind } = envelope.data;
  const data = EmailDataSchemas[kind].safeParse(envelope.data.data);
  if (!data.success) throw invalid(data.error.issues, ['data']);
  for (const [key, value] of Object.entries(data.data)) {
    if (key.endsWith('Url') && !String(value).startsWith(`${publicUrl}/`)) {
      throw invalid(
        [{ code: 'custom', path: [key], message: 'must link to PUBLIC_URL', input: value }],
        ['data'],
      );
    }
  }
  return { ...envelope.data, data: data.data };
}

/**
 * Writes one outbox record and queues its delivery.
 *
 * With a `session` inside a transaction, the record is written in that transaction, beside the state
 * change that causes it, and the job is NOT added yet (it could run before the commit): call
 * `dispatch()` (or `dispatchEmails`) after the commit. Without a transaction, the job is added at once.
 * Either way a failed or forgotten dispatch only delays the message: `reconcileOutbox` picks up
 * pending records. Throws ValidationError (400) for a bad address or data; nothing is written then.
 */
export async function enqueueEmail(
  ctx: Context,
  input: EnqueueEmailInput,
  options: { session?: ClientSession } = {},
): Promise<QueuedEmail> {
  const email = parseEmailInput(input, ctx.config.http.publicUrl);
  const _id = new Types.ObjectId();
  const domain = ctx.config.mail.from.address.split('@')[1];
  await OutboxEmail.create([{ _id, ...email, status: 'pending', messageId: `<${String(_id)}@${domain}>` }], {
    session: options.session,
  });
  const id = String(_id);
  const queued: QueuedEmail = { id, dispatch: () => dispatchEmail(ctx, id) };
  if (!options.session?.inTransaction()) await queued.dispatch();
  return queued;
}

/**
 * Hands an outbox record to the queue: gathered with the dispatches made beside it into one batch job
 * (idempotent: the outbox record decides whether a message is still to be sent).
 */
export async function dispatchEmail(ctx: Context, outboxId: string): Promise<boolean> {
  return ctx.emailDispatch.dispatch(outboxId);
}

/** Dispatches several records at once: one job for up to EMAIL_BATCH_SIZE of them. */
export async function dispatchEmails(ctx: Context, outboxIds: string[]): Promise<boolean[]> {
  return Promise.all(outboxIds.map((id) => ctx.emailDispatch.dispatch(id)));
}

/** How many outbox records are in this status (the coordinators' digest counts the failed ones). */
export async function countOutbox(status: OutboxStatus): Promise<number> {
  return OutboxEmail.countDocuments({ status });
}

/** Outbox records for coordinators, newest first; template data (which holds links) is not shown. */
export async function listOutbox(status: OutboxStatus, page = 1, pageSize = 20) {
  const query = { status };
  const [items, total] = await Promise.all([
    OutboxEmail.find(query)
      .sort({ updatedAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean(),
    OutboxEmail.countDocuments(query),
  ]);
  return {
    items: items.map((e) => ({
      id: String(e._id),
      kind: e.kind,
      to: e.to,
      language: e.language,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError ?? null,
      related: e.related?.type && e.related.id ? { type: e.related.type, id: e.related.id } : null,
      createdAt: e.createdAt,
      sentAt: e.sentAt ?? null,
      failedAt: e.failedAt ?? null,
    })),
    page,
    pageSize,
    total,
  };
}

/** Messages that could not be delivered, for coordinators to follow up by phone or a corrected address. */
export const listFailedEmails = (page = 1, pageSize = 20) => listOutbox('failed', page, pageSize);
