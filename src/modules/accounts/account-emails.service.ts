import type { Context } from '../../context';
import { consumeActionToken, createActionToken } from '../email/action-links';
import { enqueueEmail } from '../email/email.service';
import { revokeAllTokens } from './api-token.service';
import { hashPassword } from './password';
import { User, type UserRecord } from './user.model';

const VERIFY_TTL_MS = 72 * 3_600_000;
const RESET_TTL_MS = 2 * 3_600_000;

type Lang = 'zh-CN' | 'en';
type LinkUser = Pick<UserRecord, '_id' | 'email' | 'displayName' | 'preferredLanguage'>;

const langOf = (u: Pick<UserRecord, 'preferredLanguage'>): Lang =>
  u.preferredLanguage === 'en' ? 'en' : 'zh-CN';

/** A page link; English readers pass the language switch first, like the offer links. */
function pageLink(ctx: Context, path: string, lang: Lang): string {
  const base = ctx.config.http.publicUrl;
  return lang === 'en' ? `${base}/lang?to=en&next=${encodeURIComponent(path)}` : `${base}${path}`;
}

/** One account email with a signed single-use link to a page of ours. */
async function sendAccountLink(
  ctx: Context,
  user: LinkUser,
  kind: 'verify-email' | 'password-reset',
  page: '/verify-email' | '/reset-password',
  ttlMs: number,
): Promise<void> {
  const expiresAt = new Date(Date.now() + ttlMs);
  const token = createActionToken(
    { purpose: kind, subjectId: String(user._id), expiresAt },
    ctx.config.links.secret,
  );
  const lang = langOf(user);
  const url = pageLink(ctx, `${page}?token=${token}`, lang);
  const envelope = {
    to: user.email,
    toName: user.displayName,
    language: lang,
    related: { type: 'user', id: String(user._id) },
  };
  await enqueueEmail(
    ctx,
    kind === 'verify-email'
      ? { ...envelope, kind, data: { name: user.displayName, verifyUrl: url, expiresAt } }
      : { ...envelope, kind, data: { name: user.displayName, resetUrl: url, expiresAt } },
  );
}

/** Sends the address-verification link (72 hours, single use) to a new or changed address. */
export const sendEmailVerification = (ctx: Context, user: LinkUser): Promise<void> =>
  sendAccountLink(ctx, user, 'verify-email', '/verify-email', VERIFY_TTL_MS);

/** Uses the link up and marks the address verified — for the address the link was sent to only. */
export async function verifyEmail(ctx: Context, token: string): Promise<void> {
  const claims = await consumeActionToken(token, 'verify-email', ctx.config.links.secret);
  await User.updateOne(
    { _id: claims.subjectId, emailVerifiedAt: { $exists: false } },
    { $set: { emailVerifiedAt: new Date() } },
  );
}

/**
 * Sends a reset link (2 hours, single use) if the address has an active account. The answer is the
 * same either way, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(ctx: Context, email: string): Promise<void> {
  const user = await User.findOne({ email, disabledAt: { $exists: false } }).lean<UserRecord>();
  if (!user) {
    ctx.logger.info('password reset asked for an unknown address');
    return;
  }
  await sendAccountLink(ctx, user, 'password-reset', '/reset-password', RESET_TTL_MS);
}

/**
 * Sets a new password with a reset link. The link proves the mailbox, so the address counts as
 * verified too (experts registered in person set their first password this way).
 */
export async function resetPassword(ctx: Context, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const claims = await consumeActionToken(token, 'password-reset', ctx.config.links.secret);
  const now = new Date();
  await User.updateOne(
    { _id: claims.subjectId, disabledAt: { $exists: false } },
    { $set: { passwordHash, passwordChangedAt: now }, $min: { emailVerifiedAt: now } },
  );
  // sessions end through passwordChangedAt; tokens are revoked too, so the token list says so
  await revokeAllTokens(claims.subjectId, now);
}
