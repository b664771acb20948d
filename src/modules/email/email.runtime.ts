import type { Queue } from 'bullmq';
import type { Config } from '../../lib/config';
import { createLogger, type Logger } from '../../lib/logger';
import { producerConfig, producerLogger, producerQueue } from '../../lib/producers';
import { EMAIL_QUEUE, type EmailJobData } from './email.jobs';
import { createMailer, type Mailer } from './mailer';
import { createTemplateRenderer, type TemplateRenderer } from './template-renderer';

/**
 * What the email service needs from the process hosting it. The producer side is the process's
 * bound queue producers (`bindProducers`, done by createApp and by the worker process at start), so
 * the email queue shares their connection, error listener and metrics. The worker binds the sender in
 * its start hook; unbound, the sender is built from getConfig() on first use (scripts).
 */
export interface EmailProducer {
  config: Readonly<Config>;
  logger: Logger;
  queue: Queue<EmailJobData>;
}

export interface EmailSender {
  config: Readonly<Config>;
  logger: Logger;
  mailer: Mailer;
  renderer: TemplateRenderer;
  close(): Promise<void>;
}

let producer: EmailProducer | undefined;
let sender: EmailSender | undefined;

/** The email queue of the process's bound producers (rebuilt when they are bound again). */
export function emailProducer(): EmailProducer {
  const queue = producerQueue<EmailJobData>(EMAIL_QUEUE);
  if (producer?.queue !== queue) {
    producer = { config: producerConfig(), logger: producerLogger().child({ module: 'email' }), queue };
  }
  return producer;
}

/** Binds the process's sender: one pooled SMTP transport and the templates compiled once. */
export function configureEmailSender(deps: {
  config: Readonly<Config>;
  logger: Logger;
  mailer?: Mailer;
  renderer?: TemplateRenderer;
}): EmailSender {
  const mailer = deps.mailer ?? createMailer(deps.config);
  sender = {
    config: deps.config,
    logger: deps.logger,
    mailer,
    renderer: deps.renderer ?? createTemplateRenderer(),
    close: async () => mailer.close(),
  };
  return sender;
}

export function emailSender(): EmailSender {
  if (!sender) {
    const config = producerConfig();
    return configureEmailSender({ config, logger: createLogger(config.log.level, { module: 'email' }) });
  }
  return sender;
}
