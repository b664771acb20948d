import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { FORM_ERROR, secret, submitForm, text } from '../../lib/http/page-forms';
import { pageT } from '../../lib/http/pages';
import { Email, Password } from '../../lib/schemas';
import { ActionLinkError } from '../email/action-links';
import {
  checkStaffWelcomeLink,
  requestPasswordReset,
  resetPassword,
  setFirstPassword,
  verifyEmail,
} from './account-emails.service';
import { loginRateLimits } from './login-rate-limit';
import { formToken } from './session.middleware';

const TokenQuery = z.object({ token: z.string().min(1).max(512) });

/** A welcome link that cannot be used, said in plain words with what to do instead. */
function welcomeLinkRefused(res: Response, err: ActionLinkError): void {
  const problem = { LINK_EXPIRED: 'expired', LINK_USED: 'used' }[err.code] ?? 'invalid';
  res.status(err.httpStatus).render('auth/welcome', { titleKey: 'welcome.title', problem });
}

const linkRefusal = (err: unknown): ActionLinkError => {
  if (err instanceof ActionLinkError) return err;
  throw err;
};

/**
 * The pages behind the account emails: confirm an address, ask for a reset link, set a new password.
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

  // A new staff member's first password, from the welcome email (accounts/users.service.ts).
  router.get('/welcome', formToken, async (req, res) => {
    const { token } = TokenQuery.parse(req.query);
    const refused = await checkStaffWelcomeLink(ctx, token).then(() => undefined, linkRefusal);
    if (refused) return welcomeLinkRefused(res, refused);
    res.render('auth/welcome', { titleKey: 'welcome.title', token, values: {} });
  });
  router.post('/welcome', async (req, res) => {
    const { token } = TokenQuery.parse({ token: req.body.token });
    const t = pageT(res);
    const done = await submitForm(
      z.object({ password: Password }),
      { password: secret(req.body, 'password') },
      t,
      (valid) => setFirstPassword(ctx, token, valid.password).then(() => undefined, linkRefusal),
    );
    if (!done.ok) {
      res.status(400).render('auth/welcome', {
        titleKey: 'welcome.title',
        token,
        values: {},
        errors: { ...done.errors, [FORM_ERROR]: t('error.fixBelow') },
      });
      return;
    }
    if (done.result) return welcomeLinkRefused(res, done.result);
    res.redirect(303, '/login?done=welcomeDone');
  });

  return router;
}
