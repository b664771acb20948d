import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { Email, IdParams, Password } from '../../lib/schemas';
import {
  requestPasswordReset,
  resetPassword,
  sendEmailVerification,
  verifyEmail,
} from './account-emails.service';
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
import { rememberDevice } from './known-device';
import { clearLoginFailures, loginRateLimits } from './login-rate-limit';
import { endSession, startSession } from './session.middleware';
import { User, type UserRecord } from './user.model';

export function authRoutes(ctx: Context) {
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
    handler: async ({ req, res, input }) => {
      const user = await checkCredentials(input.body.email, input.body.password);
      await clearLoginFailures(ctx, res);
      rememberDevice(ctx, req, res, String(user._id));
      if (input.body.token) {
        const apiToken = await issueToken(
          String(user._id),
          input.body.token.name,
          ctx.config.auth.apiTokenTtlDays,
        );
        return { user: toCurrentUser(user), apiToken };
      }
      await startSession(req, String(user._id));
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
      await endSession(req);
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

  const Token = z.string().min(1).max(512);
  api.router.use('/password-reset', ...loginRateLimits(ctx));

  api.route({
    method: 'post',
    path: '/verify-email',
    summary: 'Confirm an email address with the single-use link sent to it',
    access: 'public',
    request: { body: z.object({ token: Token }).strict() },
    success: { status: 204 },
    errors: [409, 410],
    handler: ({ input }) => verifyEmail(ctx, input.body.token),
  });

  api.route({
    method: 'post',
    path: '/verify-email/resend',
    summary: 'Send the address-verification link again',
    access: 'signed-in',
    success: { status: 202 },
    handler: async ({ actor }) => {
      const user = await User.findById(actor.userId).lean<UserRecord>();
      if (user && !user.emailVerifiedAt) await sendEmailVerification(ctx, user);
    },
  });

  api.route({
    method: 'post',
    path: '/password-reset',
    summary: 'Email a link to set a new password (the same answer whether or not the address has an account)',
    access: 'public',
    request: { body: z.object({ email: Email }).strict() },
    success: { status: 202 },
    errors: [429],
    handler: ({ input }) => requestPasswordReset(ctx, input.body.email),
  });

  api.route({
    method: 'post',
    path: '/password-reset/confirm',
    summary: 'Set a new password with the single-use link; sessions signed in before it end',
    access: 'public',
    request: { body: z.object({ token: Token, password: Password }).strict() },
    success: { status: 204 },
    errors: [409, 410],
    handler: ({ input }) => resetPassword(ctx, input.body.token, input.body.password),
  });

  return api;
}
