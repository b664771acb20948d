import type { Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../lib/context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import { issueToken, listTokens, revokeToken } from './api-token.service';
import {
  CreateTokenBody,
  IssuedTokenSchema,
  LoginBody,
  LoginResponse,
  SessionInfo,
  TokenSummary,
} from './auth.schemas';
import { checkCredentials, currentUser, toCurrentUser } from './auth.service';
import { loginRateLimits } from './login-rate-limit';
import { newCsrfToken } from './session.middleware';

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
const destroy = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));

export function authRoutes(ctx: AppContext) {
  const api = createApiRouter('/auth', 'Accounts');
  api.router.use('/login', ...loginRateLimits(ctx));

  api.route({
    method: 'post',
    path: '/login',
    summary: 'Sign in with email and password: a cookie session, or an API token when `token` is given',
    access: 'public',
    request: { body: LoginBody },
    success: { status: 200, schema: LoginResponse },
    errors: [429, 503],
    handler: async ({ req, input }) => {
      const user = await checkCredentials(input.body.email, input.body.password);
      if (input.body.token) {
        const apiToken = await issueToken(
          String(user._id),
          input.body.token.name,
          ctx.config.auth.apiTokenTtlDays,
        );
        return { user: toCurrentUser(user), apiToken };
      }
      // A new session id at sign-in closes session fixation.
      await regenerate(req);
      req.session.userId = String(user._id);
      req.session.csrfToken = newCsrfToken();
      return { user: toCurrentUser(user), csrfToken: req.session.csrfToken };
    },
  });

  api.route({
    method: 'post',
    path: '/logout',
    summary: 'Sign out of the cookie session',
    access: 'public',
    success: { status: 204 },
    handler: async ({ req, res }) => {
      if (req.session) await destroy(req);
      res.clearCookie('yl.sid');
    },
  });

  api.route({
    method: 'get',
    path: '/session',
    summary: 'The signed-in user (or null) and the CSRF token for cookie-authenticated requests',
    access: 'public',
    success: { status: 200, schema: SessionInfo },
    handler: async ({ req, res }) => {
      const actor = res.locals.actor;
      if (!actor) return { user: null, csrfToken: null };
      return { user: await currentUser(actor), csrfToken: req.session?.csrfToken ?? null };
    },
  });

  api.route({
    method: 'post',
    path: '/tokens',
    summary: 'Issue an API token for the signed-in user (shown once)',
    access: 'signed-in',
    request: { body: CreateTokenBody },
    success: { status: 201, schema: IssuedTokenSchema },
    handler: ({ actor, input }) => issueToken(actor.userId, input.body.name, ctx.config.auth.apiTokenTtlDays),
  });

  api.route({
    method: 'get',
    path: '/tokens',
    summary: "List the signed-in user's API tokens",
    access: 'signed-in',
    success: { status: 200, schema: z.object({ items: z.array(TokenSummary) }) },
    handler: async ({ actor }) => ({ items: await listTokens(actor) }),
  });

  api.route({
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke one of your API tokens',
    access: 'signed-in',
    request: { params: IdParams },
    success: { status: 204 },
    errors: [404],
    handler: ({ actor, input }) => revokeToken(actor, input.params.id),
  });

  return api;
}
