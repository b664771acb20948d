import { type Request, Router } from 'express';
import { errorsFromIssues } from '../../lib/http/page-forms';
import { pageT, requireRole } from '../../lib/http/pages';
import { AuditFilterQuery, fromNotAfterTo } from './audit.routes';
import { AUDIT_CURSOR, type AuditFilter, auditActors, auditPage } from './audit.service';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, auditRows } from './audit-view';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['actorId', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
const PageQuery = AuditFilterQuery.superRefine(fromNotAfterTo);

/** The filters as given in the URL (empty fields left out), so a search can be bookmarked and shared. */
function filterValues(req: Request): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = req.query[key];
    if (typeof v === 'string' && v.trim() !== '') values[key] = v.trim();
  }
  return values;
}

const cursorOf = (v: unknown) => (typeof v === 'string' && AUDIT_CURSOR.test(v) ? v : undefined);

/**
 * The audit log for admins: newest first, filtered by actor, action, target and days, a page at a
 * time by keyset (a page stays put while entries are added); each entry in words, with a link to its
 * record and its details as labelled facts. Invalid filters are shown beside their fields (400).
 */
export function auditPages(): Router {
  const router = Router();
  router.use('/admin/audit', requireRole('admin'));
  router.get('/admin/audit', async (req, res) => {
    const t = pageT(res);
    const lang = String(res.locals.lang);
    const values = filterValues(req);
    const parsed = PageQuery.safeParse(values);
    const filter: AuditFilter = parsed.success ? parsed.data : {};
    const errors = parsed.success ? undefined : errorsFromIssues(parsed.error.issues, t);
    const cursor = { before: cursorOf(req.query.before), after: cursorOf(req.query.after) };
    const [found, actors] = await Promise.all([
      parsed.success ? auditPage(filter, cursor, PAGE_SIZE) : { items: [], newer: null, older: null },
      auditActors(),
    ]);
    const link = (extra: Record<string, string>) =>
      `/admin/audit?${new URLSearchParams({ ...values, ...extra })}`;
    const label = (prefix: string, v: string) => (t.has(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : v);
    res.status(parsed.success ? 200 : 400).render('coordinator/audit', {
      titleKey: 'audit.title',
      values,
      errors,
      filterErrors: Object.entries(errors ?? {}).map(([field, message]) => ({
        field,
        label: t(`audit.filter.${field}`),
        message,
      })),
      filtered: Object.keys(values).length > 0,
      items: await auditRows(found.items, t, lang),
      actorOptions: actors.map((a) => ({
        value: a.id,
        label: `${a.name}（${label('role', a.role)}）`,
        selected: a.id === values.actorId,
      })),
      actionOptions: AUDIT_ACTIONS.map((v) => ({
        value: v,
        label: label('auditAction', v),
        selected: v === values.action,
      })).sort((a, b) => a.label.localeCompare(b.label, lang)),
      typeOptions: AUDIT_TARGET_TYPES.map((v) => ({
        value: v,
        label: label('auditTarget', v),
        selected: v === values.targetType,
      })),
      newerUrl: found.newer ? link({ after: found.newer }) : null,
      olderUrl: found.older ? link({ before: found.older }) : null,
      firstUrl: cursor.before || cursor.after ? link({}) : null,
    });
  });
  return router;
}
