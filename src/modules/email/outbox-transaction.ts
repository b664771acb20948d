import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import { type TransactionOptions, withTransaction } from '../../lib/transaction';
import { type EnqueueEmailInput, enqueueEmail, type QueuedEmail } from './email.service';

/** A step's transaction, with the emails the step causes. */
export interface OutboxTransaction {
  session: ClientSession;
  /** Writes the message's outbox record in this transaction; its job is added after the commit. */
  email(input: EnqueueEmailInput): Promise<void>;
}

export interface OutboxTransactionOptions extends TransactionOptions {
  /** Writes one outbox record (default `enqueueEmail`); tests pass one that fails to see a step undone. */
  writeEmail?: typeof enqueueEmail;
}

/**
 * Runs a state change and the emails it causes in one transaction (the transactional outbox), then
 * hands the emails to the queue. Only after the commit: a job added earlier could run before its
 * record exists, or for a record a retried or aborted run never wrote. If the queue is down, or the
 * process dies before the jobs are added, the records wait as pending for the outbox reconciler.
 */
export async function withOutbox<T>(
  ctx: Context,
  work: (tx: OutboxTransaction) => Promise<T>,
  options: OutboxTransactionOptions = {},
): Promise<T> {
  const write = options.writeEmail ?? enqueueEmail;
  let emails: QueuedEmail[] = [];
  const result = await withTransaction(async (session) => {
    const attempt: QueuedEmail[] = []; // a retried transaction starts again
    emails = attempt;
    const email = async (input: EnqueueEmailInput) => {
      attempt.push(await write(ctx, input, { session }));
    };
    return work({ session, email });
  }, options);
  await Promise.all(emails.map((e) => e.dispatch()));
  return result;
}
