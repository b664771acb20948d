import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { type FieldErrors, FORM_ERROR, num, submitForm, text } from '../../lib/http/page-forms';
import type { Translate } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { userDisplayNames } from '../accounts/user-records.service';
import { expertLabels } from '../experts/expert-records.service';
import { needTitles } from '../needs/need-records.service';
import { ListOrganisationsQuery } from './organisation.schemas';
import { getOrganisation, listOrganisations } from './organisation.service';
import { GrantQuotaBody, type QuotaLedger } from './quota.schemas';
import { currentQuotaYear, getLedger, grantQuota } from './quota.service';

/**
 * Quota administration for admins: the key enterprises of a year with what they hold, a form to make a
 * verified organisation a key enterprise, and one page per organisation with its ledger in words and
 * its active nominations. The same services as PUT/GET /api/v1/organisations/{id}/quota.
 */

const YearQuery = z.object({
  year: z.coerce.number().int().min(2020).max(2100).optional().catch(undefined),
});
const yearOf = (req: Request): number => YearQuery.parse(req.query).year ?? currentQuotaYear();
const idOf = (req: Request): string => ObjectIdString.parse(req.params.id);

/** Verified organisations, by name: key enterprises or the others (the first 100 of each). */
const organisations = (actor: Actor, keyEnterprise: boolean) =>
  listOrganisations(
    actor,
    ListOrganisationsQuery.parse({
      status: 'verified',
      keyEnterprise: String(keyEnterprise),
      sort: 'name',
      pageSize: '100',
    }),
  );

async function renderOverview(
  res: Response,
  year: number,
  failed?: { errors: FieldErrors; status: number },
  values = {},
) {
  const actor = pageActor(res);
  const [keyOrgs, others] = await Promise.all([organisations(actor, true), organisations(actor, false)]);
  const ledgers = await Promise.all(keyOrgs.items.map((o) => getLedger(actor, o.id, year)));
  res.status(failed?.status ?? 200).render('admin/quotas', {
    titleKey: 'quotaAdmin.title',
    year,
    previousYear: year - 1,
    nextYear: year + 1,
    enterprises: keyOrgs.items.map((o, i) => ({ id: o.id, name: o.name, ledger: ledgers[i] })),
    organisationOptions: others.items.map((o) => ({ value: o.id, label: o.name })),
    moreOrganisations: others.total > others.items.length,
    values: { year, ...values },
    errors: failed?.errors,
  });
}

/** One ledger line in words: when, who, and what moved. */
function ledgerLines(t: Translate, ledger: QuotaLedger, names: Names) {
  return [...ledger.history].reverse().map((h) => {
    const what =
      h.kind === 'grant'
        ? h.previousGranted
          ? t('quotaAdmin.line.adjusted', { from: h.previousGranted, to: h.granted ?? 0 })
          : t('quotaAdmin.line.granted', { to: h.granted ?? 0 })
        : t(`quotaAdmin.line.${h.kind}`, { subject: subjectOf(t, h.nominationKind, h, names) });
    const name = h.byUserId ? names.users.get(h.byUserId) : undefined;
    const role = t.has(`role.${h.byRole}`) ? t(`role.${h.byRole}`) : h.byRole;
    return { at: h.at, kind: h.kind, what, by: name ? t('quotaAdmin.byNamed', { role, name }) : role };
  });
}

interface Names {
  users: Map<string, string>;
  needs: Map<string, string>;
  experts: Map<string, { name: string }>;
}

/** What a nomination is about: "优先需求《…》", "专属服务专家《…》". */
function subjectOf(
  t: Translate,
  kind: string | null,
  n: { needId: string | null; expertId: string | null },
  names: Names,
) {
  const label = kind ? t(`nominationKind.${kind}`) : '';
  const name = n.needId
    ? names.needs.get(n.needId)
    : n.expertId
      ? names.experts.get(n.expertId)?.name
      : undefined;
  return name ? t('quotaAdmin.subject', { kind: label, name }) : label;
}

async function namesOf(ledger: QuotaLedger): Promise<Names> {
  const entries = [...ledger.history, ...ledger.activeNominations];
  const ids = (pick: (e: (typeof entries)[number]) => string | null | undefined) => [
    ...new Set(entries.map(pick).filter((id): id is string => Boolean(id))),
  ];
  const [users, needs, experts] = await Promise.all([
    userDisplayNames(ids((e) => ('byUserId' in e ? e.byUserId : null))),
    needTitles(ids((e) => e.needId)),
    expertLabels(ids((e) => e.expertId)),
  ]);
  return { users, needs, experts };
}

async function renderOrganisation(
  res: Response,
  id: string,
  year: number,
  failed?: { errors: FieldErrors; status: number },
  values?: Record<string, unknown>,
) {
  const actor = pageActor(res);
  const [organisation, ledger] = await Promise.all([getOrganisation(actor, id), getLedger(actor, id, year)]);
  const names = await namesOf(ledger);
  const t = pageT(res);
  res.status(failed?.status ?? 200).render('admin/quota', {
    titleKey: 'quotaAdmin.organisationTitle',
    organisation,
    ledger,
    year,
    previousYear: year - 1,
    nextYear: year + 1,
    lines: ledgerLines(t, ledger, names),
    nominations: ledger.activeNominations.map((n) => ({
      ...n,
      subject: subjectOf(t, n.kind, n, names),
      // the staff page of the need, where one exists
      needUrl: n.needId ? `/coordinator/needs/${n.needId}` : undefined,
    })),
    values: values ?? { granted: ledger.granted, year },
    errors: failed?.errors,
  });
}

/** A grant refused because units are already used: said beside the number. */
function grantErrors(t: Translate, errors: FieldErrors, err?: unknown): FieldErrors {
  if (err instanceof AppError && err.code === 'QUOTA_BELOW_USED') {
    const used = (err.details as { used?: number } | undefined)?.used ?? 0;
    return { granted: t('quotaAdmin.belowUsed', { used }), [FORM_ERROR]: t('error.fixBelow') };
  }
  if (err instanceof AppError && err.code === 'ORGANISATION_NOT_VERIFIED') {
    return { [FORM_ERROR]: t('quotaAdmin.notVerified') };
  }
  return { ...errors, [FORM_ERROR]: errors[FORM_ERROR] ?? t('error.fixBelow') };
}

async function submitGrant(res: Response, organisationId: string, body: Record<string, unknown>) {
  const t = pageT(res);
  const input = { year: num(body, 'year'), granted: num(body, 'granted') };
  let refusal: unknown;
  const done = await submitForm(GrantQuotaBody, input, t, (valid) =>
    grantQuota(pageActor(res), organisationId, valid.year, valid.granted).catch((err) => {
      refusal = err;
      throw err;
    }),
  );
  return done.ok ? undefined : { errors: grantErrors(t, done.errors, refusal), status: done.status };
}

export function quotaAdminPages(): Router {
  const router = Router();
  router.use('/admin/quotas', requireRole('admin'));

  router.get('/admin/quotas', async (req, res) => {
    await renderOverview(res, yearOf(req));
  });

  router.post('/admin/quotas', async (req, res) => {
    const year = Number(num(req.body, 'year')) || currentQuotaYear();
    const organisationId = text(req.body, 'organisationId');
    if (!organisationId || !ObjectIdString.safeParse(organisationId).success) {
      const t = pageT(res);
      const errors = { organisationId: t('error.choose'), [FORM_ERROR]: t('error.fixBelow') };
      return renderOverview(res, year, { errors, status: 400 }, req.body);
    }
    const failed = await submitGrant(res, organisationId, req.body);
    if (failed) return renderOverview(res, year, failed, req.body);
    res.redirect(303, `/admin/quotas/${organisationId}?year=${year}&done=quotaSaved`);
  });

  router.get('/admin/quotas/:id', async (req, res) => {
    await renderOrganisation(res, idOf(req), yearOf(req));
  });

  router.post('/admin/quotas/:id', async (req, res) => {
    const id = idOf(req);
    const year = Number(num(req.body, 'year')) || currentQuotaYear();
    const failed = await submitGrant(res, id, req.body);
    if (failed) return renderOrganisation(res, id, year, failed, req.body);
    res.redirect(303, `/admin/quotas/${id}?year=${year}&done=quotaSaved`);
  });

  return router;
}
