import { createHash, randomBytes } from 'node:crypto';
import { type ClientSession, Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { ApiToken } from './api-token.model';

const TOKEN_PREFIX = 'yl_';
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  prefix: string;
  expiresAt: Date;
}

export async function issueToken(userId: string, name: string, ttlDays: number): Promise<IssuedToken> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  const doc = await ApiToken.create({
    userId,
    name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, 10),
    expiresAt,
  });
  return { id: String(doc._id), name, token, prefix: doc.prefix, expiresAt };
}

/** lastUsedAt is kept to the minute: a client calling many times a minute writes once, not on each call. */
const LAST_USED_PRECISION_MS = 60_000;

/** The token's owner (and when it was issued) when it is known, not expired and not revoked. */
export async function resolveToken(token: string): Promise<{ userId: string; issuedAt: Date } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const now = new Date();
  const doc = await ApiToken.findOne(
    { tokenHash: hashToken(token), revokedAt: { $exists: false }, expiresAt: { $gt: now } },
    { userId: 1, createdAt: 1, lastUsedAt: 1 },
  ).lean();
  if (!doc) return undefined;
  if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await ApiToken.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
  }
  return { userId: String(doc.userId), issuedAt: doc.createdAt };
}

/** Revokes every live token of a user (a password reset ends everything issued under the old one). */
export async function revokeAllTokens(
  userId: string,
  at = new Date(),
  session?: ClientSession,
): Promise<number> {
  const res = await ApiToken.updateMany(
    { userId, revokedAt: { $exists: false } },
    { $set: { revokedAt: at } },
    { session },
  );
  return res.modifiedCount;
}

export async function listTokens(actor: Actor) {
  const docs = await ApiToken.find({ userId: actor.userId }).sort({ createdAt: -1 }).lean();
  return docs.map((d) => ({
    id: String(d._id),
    name: d.name,
    prefix: d.prefix,
    createdAt: d.createdAt,
    expiresAt: d.expiresAt,
    lastUsedAt: d.lastUsedAt ?? null,
    revokedAt: d.revokedAt ?? null,
  }));
}

export async function revokeToken(actor: Actor, id: string): Promise<void> {
  const res = await ApiToken.updateOne(
    { _id: new Types.ObjectId(id), userId: actor.userId, revokedAt: { $exists: false } },
    { $set: { revokedAt: new Date() } },
  );
  if (res.matchedCount === 0) throw new NotFoundError('Token');
}
