import type { RequestHandler } from 'express';
import type { Context } from '../../context';
import type { Actor, Role } from '../../lib/actor';
import { UnauthorizedError } from '../../lib/errors';
import { resolveToken } from './api-token.service';

/**
 * Resolves the caller from a bearer token or the session cookie and keeps it on res.locals.actor.
 * A bearer token that is invalid, expired or revoked is a 401 at once; no credentials means anonymous.
 * The account's role, links and standing come from ctx.accounts, current as of the request.
 */
export const authenticate =
  (ctx: Pick<Context, 'accounts'>): RequestHandler =>
  async (req, res, next) => {
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
    const user = await ctx.accounts.get(userId);
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
