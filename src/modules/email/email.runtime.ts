import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type Config, getConfig } from '../../lib/config';
import { createLogger, type Logger } from '../../lib/logger';
import { trackQueueMetrics } from '../../lib/metrics';
import { createQueue } from '../../lib/queue';
import { createRedis } from '../../lib/redis';
import { EMAIL_QUEUE, type EmailJobData } from './email.jobs';
import { createMailer, type Mailer } from './mailer';
import { createTemplateRenderer, type TemplateRenderer } from './template-renderer';

/**
 * What the email service needs from the process hosting it. The API binds the producer once from its
 * context (emailRoutes does it); the worker binds both in its start hook. Unbound, each part is built
 * from getConfig() on first use (scripts).
 */
export interface EmailProducer {
  config: Readonly<Config>;
  logger: Logger;
  queue: Queue<EmailJobData>;
  close(): Promise<void>;
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

/** Binds the process's email producer; `redis` should be a producer-profile connection (fails fast). */
export function configureEmailProducer(deps: { config: Readonly<Config>; logger: Logger; redis: Redis }) {
  const queue = createQueue<EmailJobData>(EMAIL_QUEUE, deps.redis, deps.config);
  // A Queue without an 'error' listener would crash the process on a Redis outage.
  queue.on('error', (err) => deps.logger.warn({ queue: EMAIL_QUEUE, err: err.message }, 'email queue error'));
  trackQueueMetrics(queue);
  producer = { config: deps.config, logger: deps.logger, queue, close: () => queue.close() };
  return producer;
}

export function emailProducer(): EmailProducer {
  if (!producer) {
    const config = getConfig();
    const logger = createLogger(config.log.level, { module: 'email' });
    return configureEmailProducer({ config, logger, redis: createRedis(config, 'producer') });
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
    const config = getConfig();
    return configureEmailSender({ config, logger: createLogger(config.log.level, { module: 'email' }) });
  }
  return sender;
}
