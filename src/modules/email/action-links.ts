import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClientSession } from 'mongoose';
import { AppError } from '../../lib/errors';
import { UsedActionToken } from './used-action-token.model';

/**
 * Signed single-use links for email actions (accept/decline an offer, verify an address, reset a
 * password). A token is `base64url(purpose|subjectId|expiresAtMs|nonce).base64url(HMAC-SHA256)` under
 * LINK_SECRET; nothing is stored when it is made. Using it records its nonce (unique index), so the
 * second use fails.
 */
export class ActionLinkError extends AppError {
  constructor(code: 'LINK_INVALID' | 'LINK_EXPIRED' | 'LINK_USED') {
    const answers = {
      LINK_INVALID: [400, 'This link is not valid.'],
      LINK_EXPIRED: [410, 'This link has expired.'],
      LINK_USED: [409, 'This link has already been used.'],
    } as const;
    super(code, answers[code][0], answers[code][1]);
  }
}

export interface ActionTokenClaims {
  purpose: string;
  subjectId: string;
  expiresAt: Date;
  nonce: string;
}

const PURPOSE = /^[a-z][a-z0-9-]{0,39}$/;
const SUBJECT = /^[A-Za-z0-9_-]{1,64}$/;
const NONCE = /^[A-Za-z0-9_-]{22}$/;

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest();

export function createActionToken(
  claims: { purpose: string; subjectId: string; expiresAt: Date },
  secret: string,
): string {
  if (!PURPOSE.test(claims.purpose)) throw new Error(`bad action token purpose "${claims.purpose}"`);
  if (!SUBJECT.test(claims.subjectId)) throw new Error('bad action token subject id');
  if (Number.isNaN(claims.expiresAt.getTime())) throw new Error('bad action token expiry');
  const nonce = randomBytes(16).toString('base64url');
  const payload = [claims.purpose, claims.subjectId, claims.expiresAt.getTime(), nonce].join('|');
  return `${Buffer.from(payload).toString('base64url')}.${sign(payload, secret).toString('base64url')}`;
}

/**
 * Checks signature, purpose and expiry without using the token up (for a confirmation page: mail
 * scanners open links, so the action itself should be a POST that calls consumeActionToken).
 */
export async function verifyActionToken(
  token: string,
  purpose: string,
  secret: string,
): Promise<ActionTokenClaims> {
  const claims = checkToken(token, purpose, secret);
  if (await UsedActionToken.exists({ nonce: claims.nonce })) throw new ActionLinkError('LINK_USED');
  return claims;
}

/** Verifies the token and uses it up; pass the caller's session to do so inside its transaction. */
export async function consumeActionToken(
  token: string,
  purpose: string,
  secret: string,
  options: { session?: ClientSession; now?: Date } = {},
): Promise<ActionTokenClaims> {
  const claims = checkToken(token, purpose, secret, options.now);
  try {
    await UsedActionToken.create([{ ...claims, usedAt: options.now ?? new Date() }], {
      session: options.session,
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw new ActionLinkError('LINK_USED');
    throw err;
  }
  return claims;
}

function checkToken(token: string, purpose: string, secret: string, now = new Date()): ActionTokenClaims {
  if (typeof token !== 'string' || token.length > 512) throw new ActionLinkError('LINK_INVALID');
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) throw new ActionLinkError('LINK_INVALID');
  const payload = Buffer.from(body, 'base64url').toString('utf8');
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ActionLinkError('LINK_INVALID');
  }
  const [tokenPurpose, subjectId, expiresAtMs, nonce, ...extra] = payload.split('|');
  if (
    extra.length > 0 ||
    tokenPurpose !== purpose ||
    !subjectId ||
    !SUBJECT.test(subjectId) ||
    !nonce ||
    !NONCE.test(nonce) ||
    !/^\d{1,15}$/.test(expiresAtMs ?? '')
  ) {
    throw new ActionLinkError('LINK_INVALID');
  }
  const expiresAt = new Date(Number(expiresAtMs));
  if (expiresAt.getTime() <= now.getTime()) throw new ActionLinkError('LINK_EXPIRED');
  return { purpose: tokenPurpose, subjectId, expiresAt, nonce };
}

/**
 * Forgets used nonces of links that have expired anyway (an expired link is refused before its nonce
 * is looked at), so the collection stays small. Run by the periodic sweep.
 */
export async function purgeExpiredActionTokens(now = new Date()): Promise<number> {
  const res = await UsedActionToken.deleteMany({ expiresAt: { $lt: now } });
  return res.deletedCount;
}
