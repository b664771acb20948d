import type { Request } from 'express';
import { Router } from 'express';
import type { Role } from '../../lib/actor';
import type { AppContext } from '../../lib/context';
import { UnauthorizedError } from '../../lib/errors';
import { FORM_ERROR, submitForm, text } from '../../lib/http/page-forms';
import { pageT, safeNext } from '../../lib/http/pages';
import { LoginBody } from './auth.schemas';
import { checkCredentials } from './auth.service';
import { loginRateLimits } from './login-rate-limit';
import { formToken, newCsrfToken, SESSION_COOKIE } from './session.middleware';

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
const destroy = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));

/** Where each role starts after signing in. */
export const HOME_OF: Record<Role, string> = {
  expert: '/expert',
  employer: '/employer',
  coordinator: '/coordinator',
  admin: '/coordinator',
};

/** A fresh cookie session for this user (a new id closes session fixation), as the API's login does. */
export async function startSession(req: Request, userId: string): Promise<void> {
  await regenerate(req);
  req.session.userId = userId;
  req.session.csrfToken = newCsrfToken();
}

/** Sign in and out with the cookie session, through the same credential check as the API. */
export function authPages(ctx: AppContext): Router {
  const router = Router();

  router.get('/login', formToken, (req, res) => {
    res.render('auth/login', { titleKey: 'login.title', values: {}, next: safeNext(req.query.next, '') });
  });

  router.post('/login', ...loginRateLimits(ctx), async (req, res) => {
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
    await startSession(req, String(user._id));
    res.redirect(303, next || HOME_OF[user.role as Role]);
  });

  router.post('/logout', async (req, res) => {
    if (req.session) await destroy(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/?done=signedOut');
  });

  return router;
}
