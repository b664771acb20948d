import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Context } from '../../context';
import { AppError } from '../../lib/errors';
import { RedisSessionStore } from '../../lib/http/redis-session-store';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    csrfToken?: string;
    /** When the user signed in (ms), to end sessions older than a password change. */
    issuedAt?: number;
    /** When the session's expiry (its Redis TTL and the cookie's) was last moved on (ms). */
    refreshedAt?: number;
  }
}

export const SESSION_COOKIE = 'yl.sid';

/**
 * A session in use has its expiry moved on at most this often: one Redis write and one Set-Cookie a
 * minute instead of on every request. A session then ends at most this much before SESSION_TTL_HOURS
 * of idleness.
 */
export const SESSION_REFRESH_MS = 60_000;

/**
 * Cookie sessions kept in Redis with a TTL; httpOnly, sameSite=lax, secure in production. Idle
 * sessions end after SESSION_TTL_HOURS: the expiry rolls forward with use, every SESSION_REFRESH_MS.
 */
export function sessionMiddleware(ctx: Context): RequestHandler {
  const { auth, queue } = ctx.config;
  const sessions = session({
    name: SESSION_COOKIE,
    secret: auth.sessionSecret,
    store: new RedisSessionStore(ctx.redis, `${queue.prefix}:sess:`, auth.sessionTtlSeconds),
    resave: false,
    saveUninitialized: false,
    // Not rolling: that rewrites the cookie and the key's TTL on every request; refreshSession does it
    // once a minute by changing the session, which saves it with a new TTL and sends the cookie again.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: auth.cookieSecure,
      maxAge: auth.sessionTtlSeconds * 1000,
    },
  });
  return (req, res, next) => {
    sessions(req, res, (err?: unknown) => {
      if (err) return next(err);
      refreshSession(req);
      next();
    });
  };
}

/**
 * Marks a stored session refreshed when its last refresh is older than SESSION_REFRESH_MS. A session that
 * was never stored holds none of these fields and is left alone, so anonymous requests still store nothing.
 */
function refreshSession(req: Request): void {
  const sess = req.session as Request['session'] | undefined;
  if (!sess || (sess.userId === undefined && sess.csrfToken === undefined)) return;
  const now = Date.now();
  if (now - (sess.refreshedAt ?? 0) >= SESSION_REFRESH_MS) sess.refreshedAt = now;
}

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

/** A fresh cookie session for this user: a new id closes session fixation; a new CSRF token with it. */
export async function startSession(req: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : resolve())),
  );
  req.session.userId = userId;
  req.session.issuedAt = Date.now();
  req.session.refreshedAt = req.session.issuedAt;
  req.session.csrfToken = newCsrfToken();
}

/** Ends the cookie session (sign-out, or deleting one's data). */
export async function endSession(req: Request): Promise<void> {
  if (!req.session) return;
  await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in proves itself with the password, and must work from a stale page with an old session. */
const EXEMPT_PATHS = new Set(['/auth/login']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Synchronizer-token CSRF protection for requests authenticated by the session cookie: an unsafe
 * method must echo the session's token in X-CSRF-Token (JSON) or the `_csrf` form field (pages).
 * Bearer-token requests carry no ambient credentials and need no token.
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method) || EXEMPT_PATHS.has(req.path) || res.locals.actor?.via !== 'session') {
    return next();
  }
  checkToken(req, next);
};

/**
 * The pages' variant: every unsafe page request carries the token, signed in or not, so nobody can
 * sign a visitor into another account (login CSRF) or sign them up from another site. Anonymous forms
 * get their token from `ensureCsrfToken` when they are shown. The offer-link page is exempt: its
 * signed single-use token is the proof, and people arrive there from an email without a session. So is
 * the digest's unsubscribe link, which mail clients POST themselves (RFC 8058 one-click).
 */
const PAGE_EXEMPT_PATHS = new Set(['/offers/respond', '/digest/unsubscribe']);

export const pageCsrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || PAGE_EXEMPT_PATHS.has(req.path)) return next();
  checkToken(req, next);
};

/** The session's CSRF token, made (and the session saved) when an anonymous form is shown. */
export function ensureCsrfToken(req: Request): string {
  req.session.csrfToken ??= newCsrfToken();
  return req.session.csrfToken;
}

/** For the GET of a form anonymous visitors fill in (sign-in, sign-up): its token in the page. */
export const formToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = ensureCsrfToken(req);
  next();
};

function checkToken(req: Request, next: (err?: unknown) => void): void {
  const expected = req.session?.csrfToken;
  const header = req.get('x-csrf-token');
  const field = typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined;
  const given = header ?? field;
  if (!expected || !given || !sameToken(expected, given)) {
    next(new AppError('CSRF_TOKEN_INVALID', 403, 'The form has expired or the CSRF token is missing.'));
    return;
  }
  if (field !== undefined) delete req.body._csrf;
  next();
}
