import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { type RateLimitInfo, rateLimit } from 'express-rate-limit';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { ServiceUnavailableError, TooManyRequestsError } from '../../lib/errors';
import { isKnownDevice } from './known-device';

/**
 * Login attempts are limited per IP (all attempts, a fixed window) and slowed per account: after
 * LOGIN_MAX_FAILURES_PER_ACCOUNT failures in a row, each further attempt on that account must wait a
 * delay that doubles from 1 s up to 5 minutes (429 with Retry-After). A hard lockout would let anyone
 * lock the owner out by failing on purpose; delays only slow guessing. A browser the owner signed in
 * from before (the known-device cookie) is neither delayed nor counted. Counts live in Redis, so every
 * API instance shares them; they are forgotten after LOGIN_WINDOW_SECONDS without an attempt.
 */
export function loginRateLimits(ctx: Context): RequestHandler[] {
  return [perIpLimit(ctx), accountDelay(ctx, bodyAccountKey, { knownDevices: true })];
}

/** Sign-ups are limited per IP like login attempts (they hash a password and send an email). */
export function signupRateLimit(ctx: Context): RequestHandler {
  return perIpLimit(ctx);
}

/** Checks of a signed-in user's current password (changing it) are slowed per account like logins. */
export function currentPasswordLimits(ctx: Context): RequestHandler[] {
  const byActor = (_req: Request, res: Response) => {
    const actor = res.locals.actor as Actor | undefined;
    return actor ? `user:${actor.userId}` : undefined;
  };
  return [perIpLimit(ctx), accountDelay(ctx, byActor, { knownDevices: false })];
}

/** The first delay, and the longest one. */
export const LOGIN_DELAY_BASE_MS = 1_000;
export const LOGIN_DELAY_CAP_MS = 300_000;

/** The Redis hash of one account's failures (`n`: attempts counted, `at`: the last one, ms). */
export const loginDelayKey = (ctx: Context, accountKey: string): string =>
  `${ctx.config.queue.prefix}:rl:delay:${createHash('sha256').update(accountKey).digest('hex')}`;

/**
 * After a successful sign-in that was counted, the account's failures are forgotten: whoever knows the
 * password has no more to guess. One from a known device clears nothing, so an attack in progress
 * stays slowed while the owner signs in.
 */
export async function clearLoginFailures(ctx: Context, res: Response): Promise<void> {
  const key = res.locals[COUNTED] as string | undefined;
  if (key) await ctx.redis.del(key);
}

const COUNTED = 'loginDelayKey';

const emailKey = (email: string) => `email:${email.trim().toLowerCase().slice(0, 254)}`;

/** What a limited request names: the account's address, or the emailed link's token (hashed); else nothing. */
function bodyAccountKey(req: Request): string | undefined {
  const { email, token } = (req.body ?? {}) as { email?: unknown; token?: unknown };
  if (typeof email === 'string' && email.trim()) return emailKey(email);
  if (typeof token === 'string' && token) return `link:${createHash('sha256').update(token).digest('hex')}`;
  return undefined;
}

/**
 * Claims an attempt atomically, so parallel requests cannot all slip in before a failure is counted:
 * refused (the ms left to wait) while the account's delay runs, else counted as a failure until the
 * answer says otherwise. The clock is Redis's, the same for every API instance.
 */
const CLAIM_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or '0')
local free = tonumber(ARGV[1])
if n >= free then
  local delay = math.min(tonumber(ARGV[2]) * 2 ^ (n - free), tonumber(ARGV[3]))
  local wait = at + delay - now
  if wait > 0 then return math.ceil(wait) end
end
redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 'at', now)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
`;

/** A success gives its claim back (unless a sign-in cleared the count meanwhile). */
const GIVE_BACK_SCRIPT = `
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
if n > 0 then redis.call('HINCRBY', KEYS[1], 'n', -1) end
return 0
`;

/** A failure's delay runs from its answer, not from when its (slow, hashed) check began. */
const FAILED_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'at', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
return 0
`;

function accountDelay(
  ctx: Context,
  keyOf: (req: Request, res: Response) => string | undefined,
  options: { knownDevices: boolean },
): RequestHandler {
  const { auth } = ctx.config;
  const windowMs = auth.loginWindowSeconds * 1000;
  const capMs = Math.min(LOGIN_DELAY_CAP_MS, windowMs);
  return async (req, res, next) => {
    // only requests that name an account (or carry a link) count against it: a shared fallback key
    // would let a few anonymous requests slow everyone
    const account = keyOf(req, res);
    if (account === undefined) return next();
    try {
      if (options.knownDevices && account.startsWith('email:')) {
        if (await isKnownDevice(ctx, req, account.slice('email:'.length))) return next();
      }
      const key = loginDelayKey(ctx, account);
      const args = [auth.loginMaxFailuresPerAccount, LOGIN_DELAY_BASE_MS, capMs, windowMs];
      const waitMs = Number(await ctx.redis.eval(CLAIM_SCRIPT, 1, key, ...args));
      if (waitMs > 0) return next(new TooManyRequestsError(Math.max(1, Math.ceil(waitMs / 1000))));
      res.locals[COUNTED] = key;
      // a success is not a failure: the claim is given back
      res.on('finish', () => {
        const script = res.statusCode < 400 ? GIVE_BACK_SCRIPT : FAILED_SCRIPT;
        ctx.redis.eval(script, 1, key).catch(() => {});
      });
    } catch (err) {
      // A Redis outage must not turn into a 500 or an unlimited login.
      return next(new ServiceUnavailableError('Login is unavailable for a moment.', err));
    }
    next();
  };
}

function perIpLimit(ctx: Context): RequestHandler {
  const { auth, queue } = ctx.config;
  const limiter = rateLimit({
    windowMs: auth.loginWindowSeconds * 1000,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    passOnStoreError: false,
    limit: auth.loginMaxPerIp,
    store: new RedisStore({
      prefix: `${queue.prefix}:rl:ip:`,
      sendCommand: (command: string, ...args: string[]) =>
        ctx.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (req: Request, _res: unknown, next: (err: unknown) => void) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? Date.now() + auth.loginWindowSeconds * 1000;
      next(new TooManyRequestsError(Math.max(1, Math.ceil((reset - Date.now()) / 1000))));
    },
  });
  // A Redis outage must not turn into a 500 or an unlimited login.
  return (req, res, next) =>
    limiter(req, res, (err?: unknown) =>
      err && !(err instanceof TooManyRequestsError)
        ? next(new ServiceUnavailableError('Login is unavailable for a moment.', err))
        : next(err),
    );
}
