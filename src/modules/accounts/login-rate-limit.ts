import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { type RateLimitInfo, rateLimit } from 'express-rate-limit';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import type { Context } from '../../context';
import { ServiceUnavailableError, TooManyRequestsError } from '../../lib/errors';

/**
 * Login attempts are limited per IP (all attempts) and per account (failed attempts only), counted
 * in Redis so every API instance shares the counts. Over the limit: 429 with Retry-After.
 */
export function loginRateLimits(ctx: Context): RequestHandler[] {
  const [perIp, perAccount] = limiters(ctx);
  return [perIp, perAccount];
}

/** Sign-ups are limited per IP like login attempts (they hash a password and send an email). */
export function signupRateLimit(ctx: Context): RequestHandler {
  return limiters(ctx)[0];
}

/** What a limited request names: the account's address, or the emailed link's token (hashed); else nothing. */
function accountKey(req: Request): string | undefined {
  const { email, token } = (req.body ?? {}) as { email?: unknown; token?: unknown };
  if (typeof email === 'string' && email.trim()) return `email:${email.trim().toLowerCase().slice(0, 254)}`;
  if (typeof token === 'string' && token) return `link:${createHash('sha256').update(token).digest('hex')}`;
  return undefined;
}

function limiters(ctx: Context): [RequestHandler, RequestHandler] {
  const { auth, queue } = ctx.config;
  const store = (name: string) =>
    new RedisStore({
      prefix: `${queue.prefix}:rl:${name}:`,
      sendCommand: (command: string, ...args: string[]) =>
        ctx.redis.call(command, ...args) as Promise<RedisReply>,
    });
  const common = {
    windowMs: auth.loginWindowSeconds * 1000,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    passOnStoreError: false,
    handler: (req: Request, _res: unknown, next: (err: unknown) => void) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? Date.now() + auth.loginWindowSeconds * 1000;
      next(new TooManyRequestsError(Math.max(1, Math.ceil((reset - Date.now()) / 1000))));
    },
  };
  const perIp = rateLimit({ ...common, limit: auth.loginMaxPerIp, store: store('ip') });
  const perAccount = rateLimit({
    ...common,
    limit: auth.loginMaxFailuresPerAccount,
    skipSuccessfulRequests: true,
    // only requests that name an account (or carry a link) count against it: a request with neither has
    // no key of its own, and a shared fallback key would let a few anonymous requests block everyone
    skip: (req) => accountKey(req) === undefined,
    keyGenerator: (req) => accountKey(req) ?? '',
    store: store('account'),
  });
  // A Redis outage must not turn into a 500 or an unlimited login.
  const guard =
    (limiter: RequestHandler): RequestHandler =>
    (req, res, next) =>
      limiter(req, res, (err?: unknown) =>
        err && !(err instanceof TooManyRequestsError)
          ? next(new ServiceUnavailableError('Login is unavailable for a moment.', err))
          : next(err),
      );
  return [guard(perIp), guard(perAccount)];
}
