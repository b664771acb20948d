import { Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { FORM_ERROR, submitForm, text } from '../../lib/http/page-forms';
import { pageT } from '../../lib/http/pages';
import { Email, Password } from '../../lib/schemas';
import { requestPasswordReset, resetPassword, verifyEmail } from './account-emails.service';
import { loginRateLimits } from './login-rate-limit';
import { formToken } from './session.middleware';

const TokenQuery = z.object({ token: z.string().min(1).max(512) });

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

  return router;
}
