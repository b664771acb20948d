import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Context } from '../../context';
import { User, type UserRecord } from './user.model';

/**
 * A browser that signed in to an account before is "known" to it: a signed, httpOnly cookie names the
 * accounts (up to a few, for a shared family computer) and when each last signed in there. A known
 * device gets past the per-account login delays, so an attacker failing on purpose cannot lock the
 * owner out. An entry from before the last password change no longer counts.
 */
export const KNOWN_DEVICE_COOKIE = 'yl.device';
const TTL_MS = 180 * 86_400_000;
const MAX_ACCOUNTS = 5;

interface Entry {
  userId: string;
  issuedAt: number;
}

const signature = (ctx: Context, userId: string, issuedAt: number): string =>
  createHmac('sha256', ctx.config.auth.sessionSecret)
    .update(`known-device|${userId}|${issuedAt}`)
    .digest('base64url');

function cookieValue(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === KNOWN_DEVICE_COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The cookie's entries whose signature holds and that have not expired; forged or old ones are dropped. */
function entriesOf(ctx: Context, req: Request): Entry[] {
  const value = cookieValue(req);
  if (!value || value.length > 1000) return [];
  const now = Date.now();
  return value.split('~').flatMap((raw) => {
    const [userId, at, sig, ...rest] = raw.split('.');
    const issuedAt = Number(at);
    if (rest.length > 0 || !userId || !/^[a-f0-9]{24}$/.test(userId) || !Number.isSafeInteger(issuedAt))
      return [];
    const expected = Buffer.from(signature(ctx, userId, issuedAt));
    const given = Buffer.from(sig ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
    return issuedAt + TTL_MS > now ? [{ userId, issuedAt }] : [];
  });
}

/** Whether this browser signed in to the account with this email since its password last changed. */
export async function isKnownDevice(ctx: Context, req: Request, email: string): Promise<boolean> {
  const entries = entriesOf(ctx, req);
  if (entries.length === 0) return false;
  const user = await User.findOne({ email: email.trim().toLowerCase(), disabledAt: { $exists: false } })
    .select('passwordChangedAt')
    .lean<Pick<UserRecord, '_id' | 'passwordChangedAt'>>();
  if (!user) return false;
  const changedAt = user.passwordChangedAt?.getTime() ?? 0;
  return entries.some((e) => e.userId === String(user._id) && e.issuedAt >= changedAt);
}

/** After a successful sign-in: this browser is known to the account from now on. */
export function rememberDevice(ctx: Context, req: Request, res: Response, userId: string): void {
  const issuedAt = Date.now();
  const others = entriesOf(ctx, req).filter((e) => e.userId !== userId);
  const entries = [...others.slice(-(MAX_ACCOUNTS - 1)), { userId, issuedAt }];
  const value = entries
    .map((e) => `${e.userId}.${e.issuedAt}.${signature(ctx, e.userId, e.issuedAt)}`)
    .join('~');
  res.cookie(KNOWN_DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.auth.cookieSecure,
    maxAge: TTL_MS,
    path: '/',
  });
}
