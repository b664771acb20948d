import { randomUUID } from 'node:crypto';
import { addEmailJob, handOffJobId } from './email.jobs';
import type { EmailSender } from './email-sender';
import { isPermanentSmtpError } from './mailer';
import { OutboxEmail, type OutboxRecord } from './outbox.model';

/** A delivery that will never succeed as it stands (rejected recipient, unrenderable data). */
export class PermanentEmailError extends Error {
  override name = 'PermanentEmailError';
}

/**
 * The message is marked as inside an SMTP call by an earlier attempt that recorded neither the send
 * nor a failure: it is held back until `until`, then tried again (the caller delays its job).
 */
export class HeldBackError extends Error {
  override name = 'HeldBackError';
  constructor(
    outboxId: string,
    readonly until: Date,
  ) {
    super(`outbox ${outboxId} held back until ${until.toISOString()}: an earlier attempt may be sending it`);
  }
}

/** Error texts are kept for coordinators and end up in worker logs: addresses are cut out. */
export const describeError = (err: unknown): string =>
  String((err as Error)?.message ?? err)
    .replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]')
    .slice(0, 1000);

async function markFailed(outboxId: string, error: string): Promise<void> {
  await OutboxEmail.updateOne(
    { _id: outboxId, status: 'pending' },
    {
      $set: { status: 'failed', failedAt: new Date(), lastError: error },
      $unset: { sendingAt: 1, sendingBy: 1 },
    },
  );
}

/**
 * Marks the message as inside this attempt's SMTP call, if the mark is still as this attempt read it
 * (none, or a dead attempt's it has waited out): of attempts running at once, one wins.
 */
async function claimSending(
  outboxId: string,
  seenBy: string | undefined,
  attemptId: string,
): Promise<boolean> {
  const res = await OutboxEmail.updateOne(
    { _id: outboxId, status: 'pending', sendingBy: seenBy ?? null },
    { $set: { sendingAt: new Date(), sendingBy: attemptId }, $inc: { attempts: 1 } },
  );
  return res.modifiedCount === 1;
}

/**
 * The message is not one this attempt could mark (the record says another attempt is sending it, or
 * it is finished): skip a finished one, hold back one marked within the grace period, and take over
 * a mark older than that (a dead attempt's) with a conditional update of its own.
 */
async function takeOver(
  sender: EmailSender,
  record: OutboxRecord,
  attemptId: string,
): Promise<'claimed' | 'skipped'> {
  const outboxId = String(record._id);
  const grace = sender.config.mail.sendingGraceMs;
  if (record.status !== 'pending') return 'skipped';
  const heldUntil = record.sendingAt && record.sendingAt.getTime() + grace;
  if (heldUntil && heldUntil > Date.now()) throw new HeldBackError(outboxId, new Date(heldUntil));
  if (await claimSending(outboxId, record.sendingBy ?? undefined, attemptId)) return 'claimed';
  // Another attempt marked it (or recorded it) since we read it: look again after its grace period.
  const now = await OutboxEmail.findById(outboxId).lean();
  if (now?.status !== 'pending') return 'skipped';
  throw new HeldBackError(outboxId, new Date(now.sendingAt ? now.sendingAt.getTime() + grace : Date.now()));
}

/**
 * Delivers one outbox message at most once as far as our records go: a message already sent (or
 * given up) is skipped; otherwise it is marked "sending" by this attempt (a conditional update), rendered,
 * sent with its fixed Message-ID, and `sentAt` is recorded right after the SMTP server accepted it.
 * The mark and the record of the send go through `sender.outbox`, which gathers the steps of the
 * worker's concurrent deliveries into one MongoDB round trip each; every message's update keeps its
 * own condition, so batching changes no outcome.
 *
 * What can still repeat a message: a worker that dies between the SMTP server's acceptance and our
 * record of it — at most the messages inside its SMTP calls at that moment, each once. Its mark
 * stays; the attempt that re-runs the stalled job holds the message back until the mark is
 * `mail.sendingGraceMs` old (HeldBackError), so an attempt that only lost its queue lock and still runs
 * can record its send first, then takes the mark over and sends once more, with the same Message-ID.
 * So a message is sent at most once per attempt that dies inside SMTP, and only the messages the
 * server had accepted before the death arrive twice (see README, "Email delivery guarantee").
 *
 * Throws PermanentEmailError (after marking the record failed) when retrying cannot help, and the
 * original error's text for transient trouble, which the queue retries; on the last attempt the
 * record is marked failed first.
 */
export async function deliverOutboxEmail(
  sender: EmailSender,
  outboxId: string,
  attempt: { isLast: boolean; missingIsGone?: boolean },
): Promise<'sent' | 'skipped'> {
  const attemptId = randomUUID();
  const record = await sender.outbox.claim(outboxId, attemptId);
  if (!record) {
    // Batches are dispatched only after their records committed: a missing one was erased.
    if (attempt.missingIsGone) return 'skipped';
    // Not visible yet: dispatched before its transaction committed. Retry; an aborted one runs out.
    throw new Error(`outbox record ${outboxId} not found`);
  }
  if (record.sendingBy !== attemptId && (await takeOver(sender, record, attemptId)) === 'skipped')
    return 'skipped';

  let rendered: ReturnType<EmailSender['renderer']['render']>;
  try {
    rendered = sender.renderer.render(record.kind, record.language, record.data);
  } catch (err) {
    await markFailed(outboxId, `render: ${describeError(err)}`);
    throw new PermanentEmailError(`outbox ${outboxId} cannot be rendered`, { cause: err });
  }

  try {
    await sender.mailer.send({
      to: { name: record.toName ?? '', address: record.to },
      ...rendered,
      messageId: record.messageId,
    });
  } catch (err) {
    const error = describeError(err);
    if (isPermanentSmtpError(err)) {
      await markFailed(outboxId, error);
      throw new PermanentEmailError(`outbox ${outboxId} refused: ${error}`, { cause: err });
    }
    if (attempt.isLast) await markFailed(outboxId, error);
    // The call failed, so this attempt is no longer sending: the retry need not wait.
    else
      await OutboxEmail.updateOne(
        { _id: outboxId, status: 'pending', sendingBy: attemptId },
        { $set: { lastError: error }, $unset: { sendingAt: 1, sendingBy: 1 } },
      );
    throw new Error(`outbox ${outboxId} not sent yet: ${error}`);
  }

  await sender.outbox.markSent(outboxId);
  sender.logger.debug({ outboxId, kind: record.kind }, 'email sent');
  return 'sent';
}

/** What became of each message of a batch job (ids only: it is the job's return value, kept in Redis). */
export interface BatchOutcome {
  sent: string[];
  /** Already sent or given up before this attempt (e.g. by the run that stalled), or erased. */
  skipped: string[];
  failed: string[];
  /** Failed transiently: handed to a job of its own, which retries with the usual backoff. */
  retried: string[];
  /** An earlier attempt may still be sending it: handed to a job of its own, delayed until its grace ends. */
  heldBack: string[];
}

/** Gives one message of a batch a job of its own (named after the batch: a rerun of it adds nothing new). */
async function handOff(
  sender: EmailSender,
  outboxId: string,
  batchJobId: string,
  options: { delayMs: number; attempts?: number; backoffMs?: number },
): Promise<void> {
  const jobId = handOffJobId(outboxId, batchJobId);
  await OutboxEmail.updateOne({ _id: outboxId, status: 'pending' }, { $set: { jobId } });
  await addEmailJob(sender.queue, sender.config, outboxId, { jobId, ...options });
}

/**
 * Delivers the messages of one batch job side by side, each exactly as `deliverOutboxEmail` delivers a
 * message (its own claim, its own Message-ID, its own record of the send), so one message's trouble
 * never holds back or repeats another's: a message refused for good is marked failed; one that failed
 * transiently, or that an earlier attempt may still be sending, leaves the batch for a job of its own
 * with the attempts and backoff it would have had; the batch job then completes.
 *
 * The guarantees are the single message's. A batch job that stalls (its worker killed or frozen) is run
 * again: messages recorded as sent are skipped, unmarked ones are sent, and those the dead run had
 * marked as inside SMTP are held back for `mail.sendingGraceMs` and then sent once more. So a crash
 * repeats at most the messages of its batches that were inside an SMTP call and already accepted by
 * the server — at most one copy each, with the same Message-ID. The batch job throws (and is retried
 * as a whole, sent messages skipped) only when a hand-off could not be queued.
 */
export async function deliverOutboxBatch(
  sender: EmailSender,
  outboxIds: string[],
  batchJobId: string,
): Promise<BatchOutcome> {
  const { maxAttempts, backoffMs } = sender.config.mail;
  const isLast = maxAttempts <= 1;
  const outcome: BatchOutcome = { sent: [], skipped: [], failed: [], retried: [], heldBack: [] };
  const results = await Promise.allSettled(
    outboxIds.map((id) => deliverOutboxEmail(sender, id, { isLast, missingIsGone: true })),
  );
  const handOffs: Array<Promise<void>> = [];
  for (const [i, result] of results.entries()) {
    const id = outboxIds[i] as string;
    const err: unknown = result.status === 'rejected' ? result.reason : undefined;
    if (result.status === 'fulfilled') outcome[result.value].push(id);
    else if (err instanceof PermanentEmailError) outcome.failed.push(id);
    else if (err instanceof HeldBackError) {
      outcome.heldBack.push(id);
      handOffs.push(
        handOff(sender, id, batchJobId, { delayMs: Math.max(0, err.until.getTime() - Date.now()) }),
      );
    } else if (isLast) outcome.failed.push(id);
    else {
      outcome.retried.push(id);
      // The batch was its first attempt: exponential backoff continues from the second.
      handOffs.push(
        handOff(sender, id, batchJobId, {
          delayMs: backoffMs,
          attempts: maxAttempts - 1,
          backoffMs: 2 * backoffMs,
        }),
      );
    }
  }
  await Promise.all(handOffs);
  return outcome;
}
