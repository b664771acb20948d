import { type RequestHandler, Router } from 'express';
import type { Context } from '../../context';
import { ROLES } from '../../lib/actor';
import { TooManyRequestsError } from '../../lib/errors';
import {
  type FieldErrors,
  FORM_ERROR,
  renderFormErrors,
  secret,
  submitForm,
} from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { rememberDevice } from '../accounts/known-device';
import { currentPasswordLimits } from '../accounts/login-rate-limit';
import { changePassword, WrongPasswordError } from '../accounts/password-change.service';
import { endSession, SESSION_COOKIE, startSession } from '../accounts/session.middleware';
import { exportSections } from './export-view';
import { ChangePasswordBody } from './me.routes';
import { deleteMyData, exportMyData } from './me.service';

/** "My data": download everything held about me, or delete it (experts and employers); change my password. */
export function personalDataPages(ctx: Context): Router {
  const router = Router();
  router.use('/my-data', requireRole('expert', 'employer'));

  router.get('/my-data', (_req, res) => {
    res.render('me/my-data', { titleKey: 'myData.title', values: {} });
  });

  router.get('/my-data/export', async (_req, res) => {
    const data = await exportMyData(pageActor(res));
    res.setHeader('Content-Disposition', 'attachment; filename="yinling-my-data.json"');
    res.type('application/json').send(JSON.stringify(data, null, 2));
  });

  // The same export as a page to read and print (print stylesheet: no menus or buttons on paper).
  router.get('/my-data/export.html', async (_req, res) => {
    const data = await exportMyData(pageActor(res));
    res.render('me/my-data-export', {
      titleKey: 'myExport.title',
      exportedAt: data.exportedAt,
      sections: exportSections(data, pageT(res)),
    });
  });

  router.post('/my-data/delete', async (req, res) => {
    if (req.body.confirm !== 'yes') {
      res.status(400).render('me/my-data', {
        titleKey: 'myData.title',
        values: {},
        errors: { confirm: pageT(res)('myData.confirmMissing'), [FORM_ERROR]: pageT(res)('error.fixBelow') },
      });
      return;
    }
    await deleteMyData(ctx, pageActor(res));
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/?done=deleted');
  });

  router.use('/account/password', requireRole(...ROLES));
  const passwordView = { titleKey: 'changePassword.title', values: {} };

  router.get('/account/password', (_req, res) => {
    res.render('me/password', passwordView);
  });

  // Too many wrong current passwords: said on the form itself, with Retry-After.
  const limited = currentPasswordLimits(ctx).map(
    (limiter): RequestHandler =>
      (req, res, next) =>
        limiter(req, res, (err?: unknown) => {
          if (!(err instanceof TooManyRequestsError)) return next(err);
          res.setHeader('Retry-After', String(err.retryAfterSeconds));
          const errors = { [FORM_ERROR]: pageT(res)('error.code.TOO_MANY_REQUESTS') };
          res.status(429).render('me/password', { ...passwordView, errors });
        }),
  );

  router.post('/account/password', ...limited, async (req, res) => {
    const t = pageT(res);
    const actor = pageActor(res);
    const input = {
      currentPassword: secret(req.body, 'currentPassword'),
      newPassword: secret(req.body, 'newPassword'),
    };
    const done = await submitForm(ChangePasswordBody, input, t, async (valid) => {
      try {
        await changePassword(ctx, actor, valid);
        return true;
      } catch (err) {
        if (err instanceof WrongPasswordError) return false;
        throw err;
      }
    });
    if (!done.ok || !done.result) {
      const failed: { status: number; errors: FieldErrors } = done.ok
        ? { status: 403, errors: { currentPassword: t('changePassword.wrong') } }
        : done;
      failed.errors = { ...failed.errors, [FORM_ERROR]: t('error.fixBelow') };
      renderFormErrors(res, 'me/password', failed, passwordView);
      return;
    }
    // every session ended with the old password; this browser goes on in a fresh one
    await startSession(req, actor.userId);
    rememberDevice(ctx, req, res, actor.userId);
    res.redirect(303, '/account/password?done=passwordChanged');
  });

  return router;
}
