import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { errorsFromError, type FieldErrors, FORM_ERROR, submitForm, text } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { loadsByLiaison } from '../liaisons/liaison-assignment.service';
import { UNITS } from '../services/catalogue.data';
import { CreateStaffBody, STAFF_ROLES, type StaffAccount } from './staff.schemas';
import { createStaffUser, listStaffUsers, setUserDisabled } from './users.service';

/**
 * Staff administration for admins: the accounts of coordinators, admins and service units, a form to
 * create one (the person chooses their password from the welcome email), and deactivation. The same
 * services as POST/GET /api/v1/admin/users and their disable/enable routes.
 */

const PAGE_SIZE = 50;
const PageParam = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

const unitNames = new Map(Object.values(UNITS).map((u) => [u.code, u.name]));

function row(res: Response, account: StaffAccount, loads: Map<string, number>, selfId: string) {
  const unit = account.unitCode ? unitNames.get(account.unitCode) : undefined;
  return {
    ...account,
    unitName: unit ? (res.locals.lang === 'en' ? unit.en : unit.zh) : account.unitCode,
    status: account.disabledAt ? 'disabled' : account.passwordSet ? 'active' : 'invited',
    // a coordinator may be the liaison of experts; deactivating does not move them (the hand-over does)
    experts: account.role === 'coordinator' ? (loads.get(account.id) ?? 0) : 0,
    self: account.id === selfId,
  };
}

async function renderList(res: Response, page: number, errors?: FieldErrors, status = 200) {
  const [list, loads] = await Promise.all([listStaffUsers(page, PAGE_SIZE), loadsByLiaison()]);
  const selfId = pageActor(res).userId;
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  res.status(status).render('admin/staff', {
    titleKey: 'staffAdmin.title',
    accounts: list.items.map((a) => row(res, a, loads, selfId)),
    total: list.total,
    page,
    pages,
    previous: page > 1 ? page - 1 : undefined,
    next: page < pages ? page + 1 : undefined,
    errors,
  });
}

function renderNew(
  res: Response,
  values: Record<string, unknown>,
  failed?: { errors: FieldErrors; status: number },
) {
  const lang = res.locals.lang === 'en' ? 'en' : 'zh';
  res.status(failed?.status ?? 200).render('admin/staff-new', {
    titleKey: 'staffAdmin.newTitle',
    roleOptions: STAFF_ROLES.map((value) => ({ value, label: pageT(res)(`role.${value}`) })),
    unitOptions: Object.values(UNITS).map((u) => ({ value: u.code, label: u.name[lang] })),
    languageOptions: [
      { value: 'zh-CN', label: '中文' },
      { value: 'en', label: 'English' },
    ],
    values,
    errors: failed?.errors,
  });
}

const idOf = (req: Request): string => ObjectIdString.parse(req.params.id);

export function staffAdminPages(ctx: Context): Router {
  const router = Router();
  router.use('/admin/staff', requireRole('admin'));

  router.get('/admin/staff', async (req, res) => {
    await renderList(res, PageParam.parse(req.query).page);
  });

  router.get('/admin/staff/new', (_req, res) => {
    renderNew(res, { preferredLanguage: 'zh-CN' });
  });

  router.post('/admin/staff', async (req, res) => {
    const role = text(req.body, 'role');
    const input = {
      displayName: text(req.body, 'displayName') ?? '',
      email: text(req.body, 'email') ?? '',
      role,
      // only service-unit staff name a unit; a unit left chosen after switching the role is ignored
      unitCode: role === 'service_unit' ? text(req.body, 'unitCode') : undefined,
      preferredLanguage: text(req.body, 'preferredLanguage'),
    };
    const t = pageT(res);
    const done = await submitForm(CreateStaffBody, input, t, (valid) =>
      createStaffUser(ctx, pageActor(res), valid),
    );
    if (!done.ok) {
      const errors = { ...done.errors };
      if (errors.unitCode && !input.unitCode) errors.unitCode = t('staffAdmin.unitRequired');
      // beside the fields, not the sign-up wording of EMAIL_TAKEN ("please sign in")
      if (Object.keys(errors).some((k) => k !== FORM_ERROR)) errors[FORM_ERROR] = t('error.fixBelow');
      return renderNew(res, req.body, { errors, status: done.status });
    }
    res.redirect(303, '/admin/staff?done=staffCreated');
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(`/admin/staff/:id/${action}`, async (req, res) => {
      try {
        await setUserDisabled(pageActor(res), idOf(req), disabled);
      } catch (err) {
        const errors = errorsFromError(err, pageT(res));
        if (!errors) throw err;
        return renderList(res, 1, errors, 409);
      }
      res.redirect(303, `/admin/staff?done=${disabled ? 'staffDisabled' : 'staffEnabled'}`);
    });
  }

  return router;
}
