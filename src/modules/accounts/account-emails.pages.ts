import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { FORM_ERROR, secret, submitForm, text } from '../../lib/http/page-forms';
import { pageT } from '../../lib/http/pages';
import { Email, Password } from '../../lib/schemas';
import { ActionLinkError } from '../email/action-links';
import {
  checkFirstPasswordLink,
  type FirstPasswordLink,
  requestPasswordReset,
  resetPassword,
  setFirstPassword,
  verifyEmail,
} from './account-emails.service';
import { loginRateLimits } from './login-rate-limit';
import { formToken } from './session.middleware';

const TokenQuery = z.object({ token: z.string().min(1).max(512) });

/** A page that sets a first password from an emailed link: its path, the link it takes, its view. */
interface FirstPasswordPage {
  path: '/welcome' | '/set-password';
  purpose: FirstPasswordLink;
  view: string;
  titleKey: string;
}

const FIRST_PASSWORD_PAGES: readonly FirstPasswordPage[] = [
  // a new staff member, from the welcome email (accounts/users.service.ts)
  { path: '/welcome', purpose: 'staff-welcome', view: 'auth/welcome', titleKey: 'welcome.title' },
  // an expert the office registered in person, from the invitation (experts/experts.service.ts)
  {
    path: '/set-password',
    purpose: 'expert-invitation',
    view: 'auth/set-password',
    titleKey: 'setPassword.title',
  },
];

/** A first-password link that cannot be used, said in plain words with what to do instead. */
function firstPasswordLinkRefused(res: Response, page: FirstPasswordPage, err: ActionLinkError): void {
  const problem = { LINK_EXPIRED: 'expired', LINK_USED: 'used' }[err.code] ?? 'invalid';
  res.status(err.httpStatus).render(page.view, { titleKey: page.titleKey, problem });
}

const linkRefusal = (err: unknown): ActionLinkError => {
  if (err instanceof ActionLinkError) return err;
  throw err;
};

/**
 * The pages behind the account emails: confirm an address, ask for a reset link, set a new password,
 * set a first password (staff welcome, expert invitation).
 * Opening a link only shows a form (mail scanners open links); the POST uses the token up.
 */
export function accountEmailPages(ctx: Context): Router {
  const router = Router();

  router.get('/verify-email', formToken, (req, res) => {
    const { token } = TokenQuery.parse(req.query);
    res.render('auth/verify-email', { titleKey: 'verifyEmail.title', token });
  });
  router.post('/verify-email', async (req, res) => {
    const { token } = TokenQuery.parse(req.body);
    await verifyEmail(ctx, token);
    res.redirect(303, '/?done=emailVerified');
  });

  router.get('/forgot-password', formToken, (_req, res) => {
    res.render('auth/forgot-password', { titleKey: 'forgotPassword.title', values: {} });
  });
  router.post('/forgot-password', ...loginRateLimits(ctx), async (req, res) => {
    const input = { email: text(req.body, 'email') };
    const done = await submitForm(z.object({ email: Email }), input, pageT(res), (valid) =>
      requestPasswordReset(ctx, valid.email),
    );
    if (!done.ok) {
      res.status(400).render('auth/forgot-password', {
        titleKey: 'forgotPassword.title',
        values: input,
        errors: done.errors,
      });
      return;
    }
    res.render('auth/forgot-password', { titleKey: 'forgotPassword.title', values: {}, sent: true });
  });

  router.get('/reset-password', formToken, (req, res) => {
    const { token } = TokenQuery.parse(req.query);
    res.render('auth/reset-password', { titleKey: 'resetPassword.title', token, values: {} });
  });
  router.post('/reset-password', async (req, res) => {
    const { token } = TokenQuery.parse({ token: req.body.token });
    const t = pageT(res);
    const input = { password: req.body.password ?? undefined };
    const done = await submitForm(z.object({ password: Password }), input, t, (valid) =>
      resetPassword(ctx, token, valid.password),
    );
    if (!done.ok) {
      res.status(400).render('auth/reset-password', {
        titleKey: 'resetPassword.title',
        token,
        values: {},
        errors: { ...done.errors, [FORM_ERROR]: t('error.fixBelow') },
      });
      return;
    }
    res.redirect(303, '/login?done=passwordReset');
  });

  for (const page of FIRST_PASSWORD_PAGES) {
    router.get(page.path, formToken, async (req, res) => {
      const { token } = TokenQuery.parse(req.query);
      const refused = await checkFirstPasswordLink(ctx, token, page.purpose).then(
        () => undefined,
        linkRefusal,
      );
      if (refused) return firstPasswordLinkRefused(res, page, refused);
      res.render(page.view, { titleKey: page.titleKey, token, values: {} });
    });
    router.post(page.path, async (req, res) => {
      const { token } = TokenQuery.parse({ token: req.body.token });
      const t = pageT(res);
      const done = await submitForm(
        z.object({ password: Password }),
        { password: secret(req.body, 'password') },
        t,
        (valid) =>
          setFirstPassword(ctx, token, valid.password, page.purpose).then(() => undefined, linkRefusal),
      );
      if (!done.ok) {
        res.status(400).render(page.view, {
          titleKey: page.titleKey,
          token,
          values: {},
          errors: { ...done.errors, [FORM_ERROR]: t('error.fixBelow') },
        });
        return;
      }
      if (done.result) return firstPasswordLinkRefused(res, page, done.result);
      res.redirect(303, '/login?done=welcomeDone');
    });
  }

  return router;
}
