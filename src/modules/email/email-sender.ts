import type { Queue } from 'bullmq';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { EmailQueueJobData } from './email.jobs';
import { createMailer, type Mailer } from './mailer';
import { createOutboxBatches, type OutboxBatches } from './outbox-batches';
import { createTemplateRenderer, type TemplateRenderer } from './template-renderer';

/**
 * What delivers outbox messages: one pooled SMTP transport, the templates compiled once, the outbox
 * writes batched across the process's delivery jobs, and the email queue, to which a batch hands a
 * message that needs a job of its own.
 */
export interface EmailSender {
  config: Readonly<Config>;
  logger: Logger;
  mailer: Mailer;
  renderer: TemplateRenderer;
  outbox: OutboxBatches;
  queue: Queue<EmailQueueJobData>;
  close(): Promise<void>;
}

/** Built by the worker process's email queue at start (tests build their own). */
export function createEmailSender(deps: {
  config: Readonly<Config>;
  logger: Logger;
  queue: Queue<EmailQueueJobData>;
  mailer?: Mailer;
  renderer?: TemplateRenderer;
}): EmailSender {
  const mailer = deps.mailer ?? createMailer(deps.config);
  return {
    config: deps.config,
    logger: deps.logger,
    mailer,
    renderer: deps.renderer ?? createTemplateRenderer(undefined, deps.config.office),
    outbox: createOutboxBatches(),
    queue: deps.queue,
    close: async () => mailer.close(),
  };
}
