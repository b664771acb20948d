import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Reads one environment variable as a boolean ("true"/"1"/"yes" or "false"/"0"/"no"). */
const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A line shown to people (an address): no control characters, so it can sit in any email or page. */
const oneLine = (fallback: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'a single line')
    .default(fallback);

/** The talent office's contact as shipped (Qianjiang district); a deployment sets its own. */
export const DEFAULT_OFFICE: Readonly<OfficeContact> = {
  phone: '023-79223000',
  address: {
    'zh-CN': '重庆市黔江区人才服务中心（黔江区城西街道）',
    en: 'Talent Service Centre, Chengxi Subdistrict, Qianjiang District, Chongqing',
  },
};

/** Whom people may call or visit: a phone number and an address in each language. */
export interface OfficeContact {
  phone: string;
  address: { 'zh-CN': string; en: string };
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** A second port answering /health, /ready and /metrics alone (unset: none), for probes and scrapes. */
  MANAGEMENT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'like 1mb or 512kb')
    .default('1mb'),
  TRUST_PROXY: envBool(false),
  /** API processes behind the one port (Node's cluster); 1 runs the API in this process alone. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Overload: new requests get 503 past either threshold (0 turns that one off). */
  OVERLOAD_MAX_EVENT_LOOP_LAG_MS: z.coerce.number().int().min(0).default(200),
  OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().min(0).default(100),
  OVERLOAD_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(5).max(10_000).default(500),
  EXPENSIVE_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(2),

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
  WORKER_HEARTBEAT_FILE: z.string().min(1).default(join(tmpdir(), 'yinling-worker-heartbeat')),
  WORKER_HEARTBEAT_INTERVAL_MS: ms(10_000),

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
  MAIL_POOL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(10),
  /** Delivery jobs one worker process runs at once: each a batch of up to 50 messages sent side by side. */
  EMAIL_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  EMAIL_BACKOFF_MS: ms(30_000),
  OUTBOX_RECONCILE_INTERVAL_MS: ms(60_000),
  /** How long a message marked "sending" by another attempt is held back; default twice the lock duration. */
  EMAIL_SENDING_GRACE_MS: z.coerce.number().int().positive().optional(),
  LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),

  /** The talent office people are told to call or visit, in every email footer and page footer. */
  OFFICE_PHONE: z
    .string()
    .trim()
    .regex(/^[0-9+][0-9 ()+-]{4,29}$/, 'a phone number like 023-79223000')
    .default(DEFAULT_OFFICE.phone),
  OFFICE_ADDRESS: oneLine(DEFAULT_OFFICE.address['zh-CN']),
  OFFICE_ADDRESS_EN: oneLine(DEFAULT_OFFICE.address.en),

  MATCHING_BATCH_CRON: z.string().min(9).default('0 2 * * *'),
  OFFER_DEADLINE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  OFFER_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(30).default(2),
  /** Exact durations that replace the calendar-day rule (tests use seconds). */
  OFFER_DEADLINE_SECONDS: z.coerce.number().positive().optional(),
  OFFER_REMINDER_SECONDS_BEFORE: z.coerce.number().min(0).optional(),
  DIGEST_CRON: z.string().min(9).default('0 8 * * *'),
  STALE_NEED_DAYS: z.coerce.number().int().min(1).default(14),
  SCHEDULE_CHECK_INTERVAL_MS: ms(60_000),

  // Empty is unset: docker-compose.yml passes `${METRICS_TOKEN:-}`.
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'at least 32 characters').optional(),
  ),
  READY_TIMEOUT_MS: ms(2_000),
  /** /ready answers from a check younger than this (and checks again behind it); 0 checks on every probe. */
  READY_CACHE_MS: z.coerce.number().int().min(0).default(1_000),
  SHUTDOWN_TIMEOUT_MS: ms(15_000),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: 'development' | 'test' | 'production';
  http: {
    host: string;
    port: number;
    /**
     * Where probes and scrapes go (MANAGEMENT_PORT): its own listening socket, so an orchestrator's
     * probe is answered at once even while the main port is flooded; undefined = the main port only.
     */
    managementPort?: number;
    publicUrl: string;
    bodyLimit: string;
    trustProxy: boolean;
    /** API processes sharing the port (WEB_CONCURRENCY); 1 = no cluster. */
    processes: number;
  };
  /**
   * Load shedding per API process: past either threshold new requests get 503 with Retry-After (0 =
   * that threshold off); expensive routes (candidate lists, reports, list searches) take at most
   * `expensivePerUser` requests of one user at once (429).
   */
  overload: {
    maxEventLoopLagMs: number;
    maxInFlight: number;
    sampleIntervalMs: number;
    expensivePerUser: number;
  };
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
  /** The worker process's heartbeat file (its container healthcheck, workers/healthcheck.ts, reads it). */
  worker: { heartbeatFile: string; heartbeatIntervalMs: number };
  /** /metrics wants `Authorization: Bearer <token>` when set; unset, it is open outside production only. */
  metrics: { token?: string };
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
    concurrency: number;
    maxAttempts: number;
    backoffMs: number;
    reconcileIntervalMs: number;
    sendingGraceMs: number;
  };
  links: { secret: string };
  /** The talent office's phone and address, named in every email and at the foot of every page. */
  office: OfficeContact;
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
    /** How often a worker process checks that its job schedulers still exist in Redis. */
    scheduleCheckIntervalMs: number;
  };
  readyTimeoutMs: number;
  readyCacheMs: number;
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
  if (e.NODE_ENV === 'production') {
    const lines = productionSecretProblems(e).map((line) => `  ${line}`);
    if (lines.length > 0) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return deepFreeze({
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      managementPort: e.MANAGEMENT_PORT,
      publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
      bodyLimit: e.BODY_LIMIT,
      trustProxy: e.TRUST_PROXY,
      processes: e.WEB_CONCURRENCY,
    },
    overload: {
      maxEventLoopLagMs: e.OVERLOAD_MAX_EVENT_LOOP_LAG_MS,
      maxInFlight: e.OVERLOAD_MAX_IN_FLIGHT,
      sampleIntervalMs: e.OVERLOAD_SAMPLE_INTERVAL_MS,
      expensivePerUser: e.EXPENSIVE_MAX_PER_USER,
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
    worker: { heartbeatFile: e.WORKER_HEARTBEAT_FILE, heartbeatIntervalMs: e.WORKER_HEARTBEAT_INTERVAL_MS },
    metrics: { token: e.METRICS_TOKEN },
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
      concurrency: e.EMAIL_CONCURRENCY,
      maxAttempts: e.EMAIL_MAX_ATTEMPTS,
      backoffMs: e.EMAIL_BACKOFF_MS,
      reconcileIntervalMs: e.OUTBOX_RECONCILE_INTERVAL_MS,
      sendingGraceMs: e.EMAIL_SENDING_GRACE_MS ?? 2 * e.QUEUE_LOCK_DURATION_MS,
    },
    links: { secret: e.LINK_SECRET ?? DEV_LINK_SECRET },
    office: { phone: e.OFFICE_PHONE, address: { 'zh-CN': e.OFFICE_ADDRESS, en: e.OFFICE_ADDRESS_EN } },
    workflow: {
      timeZone: 'Asia/Shanghai',
      batchCron: e.MATCHING_BATCH_CRON,
      digestCron: e.DIGEST_CRON,
      offerDeadlineDays: e.OFFER_DEADLINE_DAYS,
      offerReminderDaysBefore: e.OFFER_REMINDER_DAYS_BEFORE,
      offerDeadlineSeconds: e.OFFER_DEADLINE_SECONDS,
      offerReminderSecondsBefore: e.OFFER_REMINDER_SECONDS_BEFORE,
      staleNeedDays: e.STALE_NEED_DAYS,
      scheduleCheckIntervalMs: e.SCHEDULE_CHECK_INTERVAL_MS,
    },
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    readyCacheMs: e.READY_CACHE_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  });
}

/** Words of the values that examples and templates ship (docker-compose.yml once had `change-me-…`). */
const PLACEHOLDER_WORDS = [
  'change-me',
  'changeme',
  'change_me',
  'placeholder',
  'example',
  'secret-here',
  'secret_here',
];
const MIN_DISTINCT_CHARACTERS = 10;
const MIN_SECRET_BITS = 128;
const GENERATE_HINT = 'generate one with `openssl rand -hex 32`';

/**
 * Bits of a secret as length × log2(its alphabet): 10 when it is all decimal digits, 16 when all hex
 * digits, else the classes it uses added up (digits 10, a–z 26, A–Z 26, anything else 33). An upper bound
 * for random strings, so a secret under it is too weak whatever made it; repetition is what the
 * distinct-character rule catches.
 */
export function estimatedSecretBits(secret: string): number {
  const alphabet = /^[0-9]+$/.test(secret)
    ? 10
    : /^([0-9a-f]+|[0-9A-F]+)$/.test(secret)
      ? 16
      : (/[0-9]/.test(secret) ? 10 : 0) +
        (/[a-z]/.test(secret) ? 26 : 0) +
        (/[A-Z]/.test(secret) ? 26 : 0) +
        (/[^0-9a-zA-Z]/.test(secret) ? 33 : 0);
  return Math.floor([...secret].length * Math.log2(Math.max(alphabet, 1)));
}

/**
 * Production refuses a missing secret, a placeholder (a word of PLACEHOLDER_WORDS, or a development
 * default) and a weak one: fewer than 10 distinct characters or under 128 estimated bits.
 */
function productionSecretProblems(e: z.output<typeof EnvSchema>): string[] {
  const secrets = {
    SESSION_SECRET: e.SESSION_SECRET,
    LINK_SECRET: e.LINK_SECRET,
    METRICS_TOKEN: e.METRICS_TOKEN,
  };
  const required = new Set(['SESSION_SECRET', 'LINK_SECRET']);
  return Object.entries(secrets).flatMap(([name, value]) => {
    if (value === undefined)
      return required.has(name) ? [`${name}: required in production (32+ characters)`] : [];
    const lower = value.toLowerCase();
    const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
    if (word || value === DEV_SESSION_SECRET || value === DEV_LINK_SECRET) {
      const what = word ? `contains "${word}"` : 'is a development default';
      return [`${name}: ${what}, a placeholder, not a secret; ${GENERATE_HINT}`];
    }
    const distinct = new Set(value).size;
    const bits = estimatedSecretBits(value);
    if (distinct < MIN_DISTINCT_CHARACTERS || bits < MIN_SECRET_BITS) {
      return [
        `${name}: too weak for production: ${distinct} distinct characters and about ${bits} bits ` +
          `(length × log2 of its alphabet); it needs ${MIN_DISTINCT_CHARACTERS}+ distinct characters and ` +
          `${MIN_SECRET_BITS}+ bits; ${GENERATE_HINT}`,
      ];
    }
    return [];
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
