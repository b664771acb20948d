import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { createMailer, type Mailer } from './mailer';
import { createOutboxBatches, type OutboxBatches } from './outbox-batches';
import { createTemplateRenderer, type TemplateRenderer } from './template-renderer';

/**
 * What delivers outbox messages: one pooled SMTP transport, the templates compiled once, and the
 * outbox writes batched across the process's delivery jobs.
 */
export interface EmailSender {
  config: Readonly<Config>;
  logger: Logger;
  mailer: Mailer;
  renderer: TemplateRenderer;
  outbox: OutboxBatches;
  close(): Promise<void>;
}

/** Built by the worker process's email queue at start (tests build their own). */
export function createEmailSender(deps: {
  config: Readonly<Config>;
  logger: Logger;
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
    close: async () => mailer.close(),
  };
}
