import { type RequestHandler, Router } from 'express';
import type { Context } from '../../context';
import type { Role } from '../../lib/actor';
import { TooManyRequestsError, UnauthorizedError } from '../../lib/errors';
import { FORM_ERROR, submitForm, text } from '../../lib/http/page-forms';
import { pageT, safeNext } from '../../lib/http/pages';
import { LoginBody } from './auth.schemas';
import { checkCredentials } from './auth.service';
import { rememberDevice } from './known-device';
import { clearLoginFailures, loginRateLimits } from './login-rate-limit';
import { endSession, formToken, SESSION_COOKIE, startSession } from './session.middleware';

/** Where each role starts after signing in. */
export const HOME_OF: Record<Role, string> = {
  expert: '/expert',
  employer: '/employer',
  coordinator: '/coordinator',
  admin: '/coordinator',
  service_unit: '/unit/services',
};

/** Re-exported for the sign-up pages, which sign the new user in. */
export { startSession };

/** Sign in and out with the cookie session, through the same credential check as the API. */
export function authPages(ctx: Context): Router {
  const router = Router();

  router.get('/login', formToken, (req, res) => {
    res.render('auth/login', { titleKey: 'login.title', values: {}, next: safeNext(req.query.next, '') });
  });

  // Too many attempts: say so on the sign-in form itself (with Retry-After), not on an error page.
  const limited =
    (limiter: RequestHandler): RequestHandler =>
    (req, res, next) =>
      limiter(req, res, (err?: unknown) => {
        if (!(err instanceof TooManyRequestsError)) return next(err);
        res.setHeader('Retry-After', String(err.retryAfterSeconds));
        res.status(429).render('auth/login', {
          titleKey: 'login.title',
          values: { email: text(req.body, 'email') },
          errors: { [FORM_ERROR]: pageT(res)('error.code.TOO_MANY_REQUESTS') },
          next: safeNext(req.body.next, ''),
        });
      });

  router.post('/login', ...loginRateLimits(ctx).map(limited), async (req, res) => {
    const t = pageT(res);
    const input = { email: text(req.body, 'email'), password: req.body.password ?? undefined };
    const next = safeNext(req.body.next, '');
    const signedIn = await submitForm(LoginBody, input, t, async (valid) => {
      try {
        return await checkCredentials(valid.email, valid.password);
      } catch (err) {
        if (err instanceof UnauthorizedError) return null;
        throw err;
      }
    });
    if (!signedIn.ok || !signedIn.result) {
      const errors = signedIn.ok ? { [FORM_ERROR]: t('login.failed') } : signedIn.errors;
      res.status(signedIn.ok ? 401 : 400).render('auth/login', {
        titleKey: 'login.title',
        values: { email: input.email },
        errors,
        next,
      });
      return;
    }
    const user = signedIn.result;
    await clearLoginFailures(ctx, res);
    rememberDevice(ctx, req, res, String(user._id));
    await startSession(req, String(user._id));
    res.redirect(303, next || HOME_OF[user.role as Role]);
  });

  router.post('/logout', async (req, res) => {
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/?done=signedOut');
  });

  return router;
}
