import type { RequestHandler } from 'express';
import { Types } from 'mongoose';
import type { Actor, Role } from '../../lib/actor';
import { UnauthorizedError } from '../../lib/errors';
import { resolveToken } from './api-token.service';
import { User, type UserRecord } from './user.model';

type ActiveFields = Pick<
  UserRecord,
  '_id' | 'role' | 'organisationId' | 'expertId' | 'unitCode' | 'disabledAt' | 'passwordChangedAt'
>;
const ACTIVE_FIELDS = {
  role: 1,
  organisationId: 1,
  expertId: 1,
  unitCode: 1,
  disabledAt: 1,
  passwordChangedAt: 1,
} as const;

/**
 * What decides who the caller is, read on every request and never cached, so a disabled account, a new
 * role or a password change counts from the next request on. Straight from the driver: every request
 * pays for it, and mongoose's query building and casting cost more than the read.
 */
async function findActiveFields(userId: string): Promise<ActiveFields | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  return User.collection.findOne<ActiveFields>(
    { _id: new Types.ObjectId(userId) },
    { projection: ACTIVE_FIELDS },
  );
}

/**
 * Resolves the caller from a bearer token or the session cookie and keeps it on res.locals.actor.
 * A bearer token that is invalid, expired or revoked is a 401 at once; no credentials means anonymous.
 */
export const authenticate: RequestHandler = async (req, res, next) => {
  const header = req.get('authorization');
  let userId: string | undefined;
  let via: Actor['via'] = 'session';
  let issuedAt = 0;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
    const token = await resolveToken(match[1]);
    if (!token) throw new UnauthorizedError('The token is not valid, has expired or was revoked.');
    userId = token.userId;
    via = 'token';
    issuedAt = token.issuedAt.getTime();
  } else {
    userId = req.session?.userId;
    issuedAt = req.session?.issuedAt ?? 0;
  }
  if (!userId) return next();
  const user = await findActiveFields(userId);
  // A session or token older than the last password change ends: a reset locks out whoever had the old one.
  const stale = user?.passwordChangedAt && issuedAt < user.passwordChangedAt.getTime();
  if (!user || user.disabledAt || stale) {
    if (via === 'token') throw new UnauthorizedError('The account is not active.');
    req.session.userId = undefined;
    return next();
  }
  const actor: Actor = {
    userId: String(user._id),
    role: user.role as Role,
    organisationId: user.organisationId ? String(user.organisationId) : undefined,
    expertId: user.expertId ? String(user.expertId) : undefined,
    unitCode: user.unitCode ?? undefined,
    via,
    ip: req.ip,
    requestId: typeof req.id === 'string' ? req.id : undefined,
  };
  res.locals.actor = actor;
  next();
};
