import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { createMailer, type Mailer } from './mailer';
import { createTemplateRenderer, type TemplateRenderer } from './template-renderer';

/** What delivers outbox messages: one pooled SMTP transport and the templates compiled once. */
export interface EmailSender {
  config: Readonly<Config>;
  logger: Logger;
  mailer: Mailer;
  renderer: TemplateRenderer;
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
    close: async () => mailer.close(),
  };
}
