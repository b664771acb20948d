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
  }
}

export const SESSION_COOKIE = 'yl.sid';

/** Cookie sessions kept in Redis with a TTL; httpOnly, sameSite=lax, secure in production. */
export function sessionMiddleware(ctx: Context): RequestHandler {
  const { auth, queue } = ctx.config;
  return session({
    name: SESSION_COOKIE,
    secret: auth.sessionSecret,
    store: new RedisSessionStore(ctx.redis, `${queue.prefix}:sess:`, auth.sessionTtlSeconds),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: auth.cookieSecure,
      maxAge: auth.sessionTtlSeconds * 1000,
    },
  });
}

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

/** A fresh cookie session for this user: a new id closes session fixation; a new CSRF token with it. */
export async function startSession(req: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : resolve())),
  );
  req.session.userId = userId;
  req.session.issuedAt = Date.now();
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
