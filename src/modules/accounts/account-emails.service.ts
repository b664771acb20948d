import { createHash } from 'node:crypto';
import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import { NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import {
  ActionLinkError,
  consumeActionToken,
  createActionToken,
  verifyActionToken,
} from '../email/action-links';
import type { EnqueueEmailInput } from '../email/email.service';
import { enqueueEmail } from '../email/email.service';
import { withOutbox } from '../email/outbox-transaction';
import { revokeAllTokens } from './api-token.service';
import { hashPassword } from './password';
import { User, type UserRecord } from './user.model';

const VERIFY_TTL_MS = 72 * 3_600_000;
const RESET_TTL_MS = 2 * 3_600_000;

export type Lang = 'zh-CN' | 'en';
type LinkUser = Pick<UserRecord, '_id' | 'email' | 'displayName' | 'preferredLanguage'>;

export const langOf = (u: Pick<UserRecord, 'preferredLanguage'>): Lang =>
  u.preferredLanguage === 'en' ? 'en' : 'zh-CN';

/** A page link; English readers pass the language switch first, like the offer links. */
export function pageLink(ctx: Context, path: string, lang: Lang): string {
  const base = ctx.config.http.publicUrl;
  return lang === 'en' ? `${base}/lang?to=en&next=${encodeURIComponent(path)}` : `${base}${path}`;
}

/**
 * What a link's subject names besides the account: a verify link the address it was sent to (a hash),
 * so it cannot verify an address the account changed to later; a reset link its generation, so a newer
 * link, a password change or an email change retires it. `<userId>_<tag>`.
 */
const addressTag = (email: string) =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
const subjectOf = (userId: unknown, tag: string | number) => `${String(userId)}_${tag}`;

function parseSubject(subjectId: string): { userId: string; tag: string } {
  const match = /^([a-f0-9]{24})_([A-Za-z0-9-]{1,40})$/.exec(subjectId);
  if (!match) throw new ActionLinkError('LINK_INVALID');
  return { userId: match[1], tag: match[2] };
}

/**
 * A signed single-use link to a page of ours for the account (`tag`: what retires it — the address, or the
 * reset generation), with when it expires and the envelope of the email that carries it.
 */
function accountLink(
  ctx: Context,
  user: LinkUser,
  purpose: 'verify-email' | 'password-reset' | FirstPasswordLink,
  page: '/verify-email' | '/reset-password' | '/welcome' | '/set-password',
  ttlMs: number,
  tag: string | number,
) {
  const expiresAt = new Date(Date.now() + ttlMs);
  const token = createActionToken(
    { purpose, subjectId: subjectOf(user._id, tag), expiresAt },
    ctx.config.links.secret,
  );
  const lang = langOf(user);
  return {
    url: pageLink(ctx, `${page}?token=${token}`, lang),
    expiresAt,
    lang,
    envelope: {
      to: user.email,
      toName: user.displayName,
      language: lang,
      related: { type: 'user', id: String(user._id) },
    },
  };
}

/** One account email with a signed single-use link to a page of ours. */
async function sendAccountLink(
  ctx: Context,
  user: LinkUser,
  kind: 'verify-email' | 'password-reset',
  page: '/verify-email' | '/reset-password',
  ttlMs: number,
  tag: string | number,
): Promise<void> {
  const { url, expiresAt, envelope } = accountLink(ctx, user, kind, page, ttlMs, tag);
  await enqueueEmail(
    ctx,
    kind === 'verify-email'
      ? { ...envelope, kind, data: { name: user.displayName, verifyUrl: url, expiresAt } }
      : { ...envelope, kind, data: { name: user.displayName, resetUrl: url, expiresAt } },
  );
}

/** Sends the address-verification link (72 hours, single use) to a new or changed address. */
export const sendEmailVerification = (ctx: Context, user: LinkUser): Promise<void> =>
  sendAccountLink(ctx, user, 'verify-email', '/verify-email', VERIFY_TTL_MS, addressTag(user.email));

/** Uses the link up and marks the address verified — for the address the link was sent to only. */
export async function verifyEmail(ctx: Context, token: string): Promise<void> {
  await withTransaction(async (session) => {
    const claims = await consumeActionToken(token, 'verify-email', ctx.config.links.secret, { session });
    const { userId, tag } = parseSubject(claims.subjectId);
    const user = await User.findById(userId).select('email').session(session).lean<UserRecord>();
    if (!user || addressTag(user.email) !== tag) throw new ActionLinkError('LINK_INVALID');
    await User.updateOne(
      { _id: userId, email: user.email, emailVerifiedAt: { $exists: false } },
      { $set: { emailVerifiedAt: new Date() } },
      { session },
    );
  });
}

/**
 * Sends a reset link (2 hours, single use) if the address has an active account. The answer is the
 * same either way, so the form cannot be used to find out who has an account. Each link retires the
 * ones sent before it.
 */
export async function requestPasswordReset(ctx: Context, email: string): Promise<void> {
  const user = await User.findOneAndUpdate(
    { email, disabledAt: { $exists: false } },
    { $inc: { resetGeneration: 1 } },
    { returnDocument: 'after' },
  ).lean<UserRecord>();
  if (!user) {
    ctx.logger.info('password reset asked for an unknown address');
    return;
  }
  await sendAccountLink(
    ctx,
    user,
    'password-reset',
    '/reset-password',
    RESET_TTL_MS,
    user.resetGeneration ?? 0,
  );
}

const WELCOME_TTL_MS = 7 * 24 * 3_600_000;

const STAFF_ROLE_NAMES: Record<Lang, Record<string, string>> = {
  'zh-CN': { coordinator: '协调员', admin: '管理员', service_unit: '办理单位工作人员' },
  en: { coordinator: 'a coordinator', admin: 'an administrator', service_unit: 'staff of a service unit' },
};

/**
 * The welcome of a new staff account, for the transaction that creates it: a single-use link, valid
 * 7 days, to choose a first password. Like a reset link it names the account's reset generation (bumped
 * here), so a later reset link, a password change or an email change retires it.
 */
export async function staffWelcomeEmail(
  ctx: Context,
  userId: unknown,
  session: ClientSession,
): Promise<EnqueueEmailInput> {
  const user = await User.findOneAndUpdate(
    { _id: userId },
    { $inc: { resetGeneration: 1 } },
    { returnDocument: 'after', session },
  ).lean<UserRecord>();
  if (!user) throw new NotFoundError('Account');
  const link = accountLink(ctx, user, 'staff-welcome', '/welcome', WELCOME_TTL_MS, user.resetGeneration ?? 0);
  return {
    ...link.envelope,
    kind: 'staff-welcome',
    data: {
      name: user.displayName,
      roleName: STAFF_ROLE_NAMES[link.lang][user.role] ?? user.role,
      email: user.email,
      setPasswordUrl: link.url,
      expiresAt: link.expiresAt,
    },
  };
}

/**
 * The links that choose a first password: a new staff member's welcome (/welcome) and the invitation of
 * an expert the office registered in person (/set-password). Each works on its own page only.
 */
export type FirstPasswordLink = 'staff-welcome' | 'expert-invitation';

/** Whether a first-password link can still be used (signed, not expired, not used); throws ActionLinkError. */
export async function checkFirstPasswordLink(
  ctx: Context,
  token: string,
  purpose: FirstPasswordLink,
): Promise<void> {
  await verifyActionToken(token, purpose, ctx.config.links.secret);
}

/**
 * Sets the first password with a welcome or invitation link — the newest link sent, unused, on an active
 * account. The link proves the mailbox, so the address counts as verified too.
 */
export async function setFirstPassword(
  ctx: Context,
  token: string,
  password: string,
  purpose: FirstPasswordLink,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await withTransaction((session) =>
    setPasswordByLink(ctx, session, { token, purpose, passwordHash, now: new Date() }),
  );
}

/**
 * Spends a password link (reset, welcome, invitation) and sets the password it was sent for: only the
 * newest link of an active account works, and it proves the mailbox, so the address counts as verified.
 * Returns the account as changed.
 */
async function setPasswordByLink(
  ctx: Context,
  session: ClientSession,
  link: { token: string; purpose: 'password-reset' | FirstPasswordLink; passwordHash: string; now: Date },
): Promise<UserRecord> {
  const { token, purpose, passwordHash, now } = link;
  const claims = await consumeActionToken(token, purpose, ctx.config.links.secret, { session });
  const { userId, tag } = parseSubject(claims.subjectId);
  if (!/^\d{1,15}$/.test(tag)) throw new ActionLinkError('LINK_INVALID');
  const user = await User.findOneAndUpdate(
    { _id: userId, disabledAt: { $exists: false }, resetGeneration: Number(tag) },
    {
      $set: { passwordHash, passwordChangedAt: now },
      $min: { emailVerifiedAt: now },
      $inc: { resetGeneration: 1 },
    },
    { returnDocument: 'after', session },
  ).lean<UserRecord>();
  // a newer link was sent, the password or address changed since, or the account was deactivated
  if (!user) throw new ActionLinkError('LINK_USED');
  return user;
}

/** The "your password was changed" email: everything signed in was signed out; what to do if it was not them. */
export function passwordChangedEmail(
  ctx: Context,
  user: LinkUser,
  changedAt: Date,
  viaResetLink: boolean,
): EnqueueEmailInput {
  const lang = langOf(user);
  return {
    kind: 'password-changed',
    to: user.email,
    toName: user.displayName,
    language: lang,
    related: { type: 'user', id: String(user._id) },
    data: {
      name: user.displayName,
      changedAt,
      viaResetLink,
      forgotPasswordUrl: pageLink(ctx, '/forgot-password', lang),
    },
  };
}

/**
 * Sets a new password with a reset link — the newest one sent, unused. The link proves the mailbox, so
 * the address counts as verified too (experts registered in person set their first password this
 * way). One step: the password, the ended tokens and the email saying so commit together.
 */
export async function resetPassword(ctx: Context, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await withOutbox(ctx, async (tx) => {
    const now = new Date();
    const link = { token, purpose: 'password-reset' as const, passwordHash, now };
    const user = await setPasswordByLink(ctx, tx.session, link);
    // sessions end through passwordChangedAt; tokens are revoked too, so the token list says so
    await revokeAllTokens(String(user._id), now, tx.session);
    await tx.email(passwordChangedEmail(ctx, user, now, true));
  });
}

/**
 * The address-verification message of a new account (the link `sendEmailVerification` sends), for a
 * step that writes it in its own transaction: sign-up (signup.service.ts) writes it with the account.
 */
export function emailVerificationEmail(ctx: Context, user: LinkUser): EnqueueEmailInput {
  const link = accountLink(ctx, user, 'verify-email', '/verify-email', VERIFY_TTL_MS, addressTag(user.email));
  return {
    ...link.envelope,
    kind: 'verify-email',
    data: { name: user.displayName, verifyUrl: link.url, expiresAt: link.expiresAt },
  };
}

/** An invitation is opened when the expert next reads their mail, perhaps days later: longer than a reset. */
const INVITATION_TTL_MS = 14 * 24 * 3_600_000;

/**
 * The welcome of an expert the office registered in person, for the transaction that creates the
 * account: a single-use link (14 days) to the page that sets a first password (/set-password, not the
 * reset page). It bumps the account's reset generation, so a later reset link or a password change
 * retires it.
 */
export async function expertInvitationEmail(
  ctx: Context,
  userId: unknown,
  session: ClientSession,
): Promise<EnqueueEmailInput> {
  const user = await User.findOneAndUpdate(
    { _id: userId },
    { $inc: { resetGeneration: 1 } },
    { returnDocument: 'after', session },
  )
    .orFail()
    .lean<UserRecord>();
  const link = accountLink(
    ctx,
    user,
    'expert-invitation',
    '/set-password',
    INVITATION_TTL_MS,
    user.resetGeneration ?? 0,
  );
  return {
    ...link.envelope,
    kind: 'expert-invitation',
    data: { name: user.displayName, setPasswordUrl: link.url, expiresAt: link.expiresAt },
  };
}
