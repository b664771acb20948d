import { Router } from 'express';
import type { Context } from '../../context';
import { FORM_ERROR } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { endSession, SESSION_COOKIE } from '../accounts/session.middleware';
import { deleteMyData, exportMyData } from './me.service';

/** "My data": download everything held about me, or delete it (experts and employers). */
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

  return router;
}
