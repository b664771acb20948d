import { z } from 'zod';

/** Reads one environment variable as a boolean ("true"/"1"/"yes" or "false"/"0"/"no"). */
const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'like 1mb or 512kb')
    .default('1mb'),
  TRUST_PROXY: envBool(false),

  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://')
    .default('mongodb://127.0.0.1:27017'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('yinling'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis://')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('yinling'),
  QUEUE_LOCK_DURATION_MS: ms(30_000),
  QUEUE_STALLED_INTERVAL_MS: ms(30_000),
  QUEUE_MAX_STALLED_COUNT: z.coerce.number().int().min(0).default(1),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),

  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  API_TOKEN_TTL_DAYS: z.coerce.number().int().positive().max(3650).default(180),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),

  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+(:\d+)?\/?$/, 'like smtp://host:1025 or smtps://user:pass@host:465')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z
    .string()
    .regex(/^[^<>\r\n]+<[^<>\s]+>$/, 'like "银龄人才服务 <no-reply@example.org>"')
    .refine((v) => z.email().safeParse(v.slice(v.indexOf('<') + 1, -1)).success, 'the address is not valid')
    .default('银龄人才服务 <no-reply@yinling.local>'),
  MAIL_POOL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  EMAIL_BACKOFF_MS: ms(30_000),
  OUTBOX_RECONCILE_INTERVAL_MS: ms(60_000),
  LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),

  MATCHING_BATCH_CRON: z.string().min(9).default('0 2 * * *'),
  OFFER_DEADLINE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  OFFER_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(30).default(2),
  /** Exact durations that replace the calendar-day rule (tests use seconds). */
  OFFER_DEADLINE_SECONDS: z.coerce.number().positive().optional(),
  OFFER_REMINDER_SECONDS_BEFORE: z.coerce.number().min(0).optional(),
  DIGEST_CRON: z.string().min(9).default('0 8 * * *'),
  STALE_NEED_DAYS: z.coerce.number().int().min(1).default(14),

  READY_TIMEOUT_MS: ms(2_000),
  SHUTDOWN_TIMEOUT_MS: ms(15_000),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: 'development' | 'test' | 'production';
  http: { host: string; port: number; publicUrl: string; bodyLimit: string; trustProxy: boolean };
  log: { level: string };
  mongo: { url: string; dbName: string };
  redis: { url: string };
  queue: {
    prefix: string;
    lockDurationMs: number;
    stalledIntervalMs: number;
    maxStalledCount: number;
    concurrency: number;
  };
  auth: {
    sessionSecret: string;
    sessionTtlSeconds: number;
    cookieSecure: boolean;
    apiTokenTtlDays: number;
    loginWindowSeconds: number;
    loginMaxPerIp: number;
    loginMaxFailuresPerAccount: number;
  };
  mail: {
    smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string };
    from: { name: string; address: string };
    poolMaxConnections: number;
    maxAttempts: number;
    backoffMs: number;
    reconcileIntervalMs: number;
  };
  links: { secret: string };
  workflow: {
    /** Schedules are read in this time zone (the talent office's). */
    timeZone: 'Asia/Shanghai';
    batchCron: string;
    digestCron: string;
    offerDeadlineDays: number;
    offerReminderDaysBefore: number;
    offerDeadlineSeconds?: number;
    offerReminderSecondsBefore?: number;
    staleNeedDays: number;
  };
  readyTimeoutMs: number;
  shutdownTimeoutMs: number;
}

/** Only for development and tests: production must set its own secret. */
const DEV_SESSION_SECRET = 'yinling-development-secret-not-for-production-use';
const DEV_LINK_SECRET = 'yinling-development-link-secret-not-for-production';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once into a frozen, typed object; throws a readable ConfigError on bad input. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing = (['SESSION_SECRET', 'LINK_SECRET'] as const).filter((k) => !e[k]);
  if (e.NODE_ENV === 'production' && missing.length > 0) {
    const lines = missing.map((k) => `  ${k}: required in production (32+ characters)`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return deepFreeze({
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
      bodyLimit: e.BODY_LIMIT,
      trustProxy: e.TRUST_PROXY,
    },
    log: { level: e.LOG_LEVEL },
    mongo: { url: e.MONGO_URL, dbName: e.MONGO_DB },
    redis: { url: e.REDIS_URL },
    queue: {
      prefix: e.QUEUE_PREFIX,
      lockDurationMs: e.QUEUE_LOCK_DURATION_MS,
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
      maxStalledCount: e.QUEUE_MAX_STALLED_COUNT,
      concurrency: e.WORKER_CONCURRENCY,
    },
    auth: {
      sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
      sessionTtlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
      cookieSecure: e.COOKIE_SECURE === 'auto' ? e.NODE_ENV === 'production' : e.COOKIE_SECURE === 'true',
      apiTokenTtlDays: e.API_TOKEN_TTL_DAYS,
      loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
      loginMaxPerIp: e.LOGIN_MAX_PER_IP,
      loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    },
    mail: {
      smtp: parseSmtpUrl(e.SMTP_URL),
      from: parseMailbox(e.MAIL_FROM),
      poolMaxConnections: e.MAIL_POOL_MAX_CONNECTIONS,
      maxAttempts: e.EMAIL_MAX_ATTEMPTS,
      backoffMs: e.EMAIL_BACKOFF_MS,
      reconcileIntervalMs: e.OUTBOX_RECONCILE_INTERVAL_MS,
    },
    links: { secret: e.LINK_SECRET ?? DEV_LINK_SECRET },
    workflow: {
      timeZone: 'Asia/Shanghai',
      batchCron: e.MATCHING_BATCH_CRON,
      digestCron: e.DIGEST_CRON,
      offerDeadlineDays: e.OFFER_DEADLINE_DAYS,
      offerReminderDaysBefore: e.OFFER_REMINDER_DAYS_BEFORE,
      offerDeadlineSeconds: e.OFFER_DEADLINE_SECONDS,
      offerReminderSecondsBefore: e.OFFER_REMINDER_SECONDS_BEFORE,
      staleNeedDays: e.STALE_NEED_DAYS,
    },
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  });
}

/** smtp:// is plain or STARTTLS (port 587/25/1025), smtps:// is TLS from the start (port 465). */
function parseSmtpUrl(raw: string): Config['mail']['smtp'] {
  const url = new URL(raw);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    pass: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

/** "Name <address>" → nodemailer's { name, address }, so no header is ever built from a raw string. */
function parseMailbox(raw: string): Config['mail']['from'] {
  const open = raw.indexOf('<');
  return { name: raw.slice(0, open).trim().replace(/^"|"$/g, ''), address: raw.slice(open + 1, -1) };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

let cached: Readonly<Config> | undefined;

/** The process's configuration, read from process.env on first use (the only place that reads it). */
export function getConfig(): Readonly<Config> {
  cached ??= loadConfig(process.env);
  return cached;
}
