import type { EmailSender } from './email-sender';
import { isPermanentSmtpError } from './mailer';
import { OutboxEmail } from './outbox.model';

/** A delivery that will never succeed as it stands (rejected recipient, unrenderable data). */
export class PermanentEmailError extends Error {
  override name = 'PermanentEmailError';
}

/** Error texts are kept for coordinators and end up in worker logs: addresses are cut out. */
export const describeError = (err: unknown): string =>
  String((err as Error)?.message ?? err)
    .replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]')
    .slice(0, 1000);

async function markFailed(outboxId: string, error: string): Promise<void> {
  await OutboxEmail.updateOne(
    { _id: outboxId, status: 'pending' },
    { $set: { status: 'failed', failedAt: new Date(), lastError: error } },
  );
}

/**
 * Delivers one outbox message at most once as far as our records go: a message already sent (or
 * given up) is skipped; otherwise it is rendered and sent with its fixed Message-ID, and `sentAt` is
 * recorded right after with a conditional update. A crash between the send and the record can repeat
 * the send once; the repeated message carries the same Message-ID, so mail clients show one.
 *
 * Throws PermanentEmailError (after marking the record failed) when retrying cannot help, and the
 * original error's text for transient trouble, which the queue retries; on the last attempt the
 * record is marked failed first.
 */
export async function deliverOutboxEmail(
  sender: EmailSender,
  outboxId: string,
  attempt: { isLast: boolean },
): Promise<'sent' | 'skipped'> {
  const record = await OutboxEmail.findById(outboxId).lean();
  // Not visible yet: dispatched before its transaction committed. Retry; an aborted one runs out.
  if (!record) throw new Error(`outbox record ${outboxId} not found`);
  if (record.status !== 'pending') return 'skipped';

  let rendered: ReturnType<EmailSender['renderer']['render']>;
  try {
    rendered = sender.renderer.render(record.kind, record.language, record.data);
  } catch (err) {
    await markFailed(outboxId, `render: ${describeError(err)}`);
    throw new PermanentEmailError(`outbox ${outboxId} cannot be rendered`, { cause: err });
  }

  await OutboxEmail.updateOne({ _id: outboxId, status: 'pending' }, { $inc: { attempts: 1 } });
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
    else await OutboxEmail.updateOne({ _id: outboxId, status: 'pending' }, { $set: { lastError: error } });
    throw new Error(`outbox ${outboxId} not sent yet: ${error}`);
  }

  await OutboxEmail.updateOne(
    { _id: outboxId, status: 'pending' },
    { $set: { status: 'sent', sentAt: new Date() }, $unset: { lastError: 1 } },
  );
  sender.logger.info({ outboxId, kind: record.kind }, 'email sent');
  return 'sent';
}
