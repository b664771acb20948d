import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type RequestHandler, Router } from 'express';
import type { Context } from '../../context';
import { isStaff } from '../../lib/actor';
import { ForbiddenError } from '../../lib/errors';
import { authenticate } from '../accounts/authenticate.middleware';
import { sessionMiddleware } from '../accounts/session.middleware';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Coordinators and admins only; anyone else signs in first (or is refused). */
const staffOnly: RequestHandler = (req, res, next) => {
  const actor = res.locals.actor;
  if (!actor) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  if (!isStaff(actor)) return next(new ForbiddenError());
  next();
};

/**
 * bull-board's page links IBM Plex from Google Fonts: the link is taken out of the page before it is sent
 * (its stylesheet falls back to the system's fonts), so the dashboard asks nothing of a third party.
 */
const withoutWebFonts: RequestHandler = (_req, res, next) => {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: object) =>
    render(view, options ?? {}, (err: Error | null, html?: string) => {
      if (err) return next(err);
      res.send((html ?? '').replace(/<link[^>]*\/\/fonts\.(?:googleapis|gstatic)\.com[^>]*>\s*/g, ''));
    })) as typeof res.render;
  next();
};

/**
 * The BullMQ dashboard (bull-board), read-only: its actions could not carry our CSRF token, and the
 * outbox and its reconciler, not hand-retried jobs, are what guarantee delivery. Its page would link a
 * web font on a CDN: the link is removed, and the CSP here keeps the browser to this server.
 */
export function queueDashboardRouter(ctx: Context): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: ctx.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Yinling queues' } },
  });
  const router = Router();
  router.use(
    QUEUE_DASHBOARD_PATH,
    sessionMiddleware(ctx),
    authenticate(ctx),
    staffOnly,
    (_req, res, next) => {
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'",
      );
      next();
    },
    withoutWebFonts,
    adapter.getRouter(),
  );
  return router;
}
