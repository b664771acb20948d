import { Router } from 'express';
import { pageT, requireRole } from '../../lib/http/pages';
import { userDisplayNames } from '../accounts/user-records.service';
import { listAudit } from './audit.service';

const PAGE_SIZE = 50;

/** The audit log for admins, newest first, a page at a time. */
export function auditPages(): Router {
  const router = Router();
  router.use('/admin/audit', requireRole('admin'));
  router.get('/admin/audit', async (req, res) => {
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const list = await listAudit({}, page, PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const t = pageT(res);
    const nameOf = await userDisplayNames([...new Set(list.items.map((e) => e.actorId))]);
    const label = (action: string) => (t.has(`auditAction.${action}`) ? t(`auditAction.${action}`) : action);
    res.render('coordinator/audit', {
      titleKey: 'audit.title',
      ...list,
      items: list.items.map((e) => ({
        ...e,
        actorName: nameOf.get(e.actorId) ?? '—',
        actionLabel: label(e.action),
        detailsText: e.details ? JSON.stringify(e.details) : '',
      })),
      prev: page > 1 ? page - 1 : null,
      next: page < pages ? page + 1 : null,
      pages,
    });
  });
  return router;
}
