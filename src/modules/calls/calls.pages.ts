import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { urlValues } from '../../lib/http/list-pages';
import { errorsFromIssues, type FieldErrors, renderFormErrors, submitForm } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams } from '../../lib/schemas';
import { candidateProfiles } from '../experts/candidate-profiles';
import { CALL_STATUSES } from './call.model';
import { ApplyBody, CallApplicationParams, CreateCallBody, ListCallsQuery } from './call.schemas';
import {
  applyToCall,
  listApplications,
  myApplications,
  shortlistApplication,
  withdrawApplication,
} from './call-applications.service';
import { chooseApplication } from './call-award.service';
import { closeCall, createCall, getCall, listCalls, publishCall } from './calls.service';
import {
  applyFormErrors,
  applyInput,
  callFormErrors,
  callInput,
  employerApplicationRows,
  MEMBER_ROWS,
  officeApplicationRows,
} from './calls-page-view';

const PAGE_SIZE = 20;
type FormState = { errors?: FieldErrors; values?: Record<string, unknown>; status?: number };

/** Page links of a numbered list that keep its filters. */
function pageLinks(path: string, values: Record<string, string>, page: number, total: number) {
  const link = (p: number) => `${path}?${new URLSearchParams({ ...values, page: String(p) })}`;
  return {
    prev: page > 1 ? link(page - 1) : null,
    next: page * PAGE_SIZE < total ? link(page + 1) : null,
  };
}

/**
 * A list of calls read from the URL (status and page) with the API's query; a bad filter is a 400 page
 * that says which.
 */
async function renderCallList(ctx: Context, req: Request, res: Response, view: string, titleKey: string) {
  const values = urlValues(req.query);
  const parsed = ListCallsQuery.safeParse({ pageSize: String(PAGE_SIZE), ...values });
  const base = { titleKey, values, statuses: CALL_STATUSES };
  if (!parsed.success) {
    return res
      .status(400)
      .render(view, { ...base, errors: errorsFromIssues(parsed.error.issues, pageT(res)) });
  }
  const result = await listCalls(ctx, pageActor(res), parsed.data);
  res.render(view, { ...base, result, links: pageLinks(req.path, values, result.page, result.total) });
}

/** The service's refusal of a step (a 409), in words for this page. */
function stepError(res: Response, errors: FieldErrors): string {
  const t = pageT(res);
  const message = errors._form ?? t('error.notDone');
  // the general words of this code are about needs
  return message === t('error.code.ORGANISATION_NOT_VERIFIED') ? t('calls.notVerified') : message;
}

/** Runs a step of a call page; a refusal is shown above the call, anything else goes to the error page. */
async function step(res: Response, run: () => Promise<unknown>, refused: (message: string) => Promise<void>) {
  const done = await submitForm(z.object({}), {}, pageT(res), run);
  if (!done.ok) await refused(stepError(res, done.errors));
  return done.ok;
}

// ---- employer ----------------------------------------------------------------------------------

async function renderEmployerCall(ctx: Context, res: Response, id: string, error?: string) {
  const actor = pageActor(res);
  const call = await getCall(ctx, actor, id);
  const shortlist = call.status === 'draft' ? [] : (await listApplications(ctx, actor, id)).items;
  const profiles = await candidateProfiles(shortlist.map((a) => a.lead.expertId));
  res.status(error ? 409 : 200).render('calls/employer-call', {
    titleKey: 'calls.title',
    call,
    applications: employerApplicationRows(shortlist, profiles),
    closed: call.status === 'closed',
    errors: error ? { _form: error } : undefined,
  });
}

function employerRoutes(ctx: Context, router: Router): void {
  const base = '/employer/calls';
  router.use(base, requireRole('employer'));
  const newForm = (values: Record<string, unknown>) => ({ titleKey: 'calls.newTitle', values });

  router.get(base, (req, res) => renderCallList(ctx, req, res, 'calls/employer-list', 'calls.employerTitle'));
  router.get(`${base}/new`, (_req, res) => res.render('calls/form', newForm({ mustHaveMatch: 'sub_field' })));

  router.post(base, async (req, res) => {
    const actor = pageActor(res);
    const done = await submitForm(CreateCallBody, callInput(req.body), pageT(res), (valid) =>
      createCall(actor, valid),
    );
    if (!done.ok) {
      const failed = { ...done, errors: callFormErrors(done.errors) };
      return renderFormErrors(res, 'calls/form', failed, newForm(req.body));
    }
    res.redirect(303, `${base}/${done.result.id}?done=callSaved`);
  });

  router.get(`${base}/:id`, async (req, res) => {
    await renderEmployerCall(ctx, res, IdParams.parse(req.params).id);
  });

  router.post(`${base}/:id/publish`, async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const ok = await step(
      res,
      () => publishCall(ctx, pageActor(res), id),
      (message) => renderEmployerCall(ctx, res, id, message),
    );
    if (ok) res.redirect(303, `${base}/${id}?done=callPublished`);
  });

  // Closing early and choosing cannot be undone: each is asked twice.
  router.get(`${base}/:id/close`, async (req, res) => {
    const call = await getCall(ctx, pageActor(res), IdParams.parse(req.params).id);
    res.render('calls/confirm', { titleKey: 'calls.confirmCloseTitle', call, close: true });
  });

  router.post(`${base}/:id/close`, async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const ok = await step(
      res,
      () => closeCall(ctx, pageActor(res), id),
      (message) => renderEmployerCall(ctx, res, id, message),
    );
    if (ok) res.redirect(303, `${base}/${id}?done=callClosed`);
  });

  router.get(`${base}/:id/applications/:applicationId/choose`, async (req, res) => {
    const actor = pageActor(res);
    const { id, applicationId } = CallApplicationParams.parse(req.params);
    const call = await getCall(ctx, actor, id);
    const chosen = (await listApplications(ctx, actor, id)).items.find((a) => a.id === applicationId);
    if (!chosen) return renderEmployerCall(ctx, res, id, pageT(res)('calls.notOnShortlist'));
    res.render('calls/confirm', {
      titleKey: 'calls.confirmChooseTitle',
      call,
      application: { id: chosen.id, leadName: chosen.lead.name, teamSize: chosen.members.length + 1 },
    });
  });

  router.post(`${base}/:id/applications/:applicationId/choose`, async (req, res) => {
    const { id, applicationId } = CallApplicationParams.parse(req.params);
    const ok = await step(
      res,
      () => chooseApplication(ctx, pageActor(res), id, applicationId),
      (message) => renderEmployerCall(ctx, res, id, message),
    );
    if (ok) res.redirect(303, `${base}/${id}?done=callChosen`);
  });
}

// ---- expert ------------------------------------------------------------------------------------

async function renderExpertCalls(ctx: Context, req: Request, res: Response) {
  const actor = pageActor(res);
  const values = urlValues(req.query);
  const parsed = ListCallsQuery.pick({ page: true, pageSize: true }).safeParse({
    pageSize: String(PAGE_SIZE),
    page: values.page,
  });
  const query = parsed.success ? parsed.data : { page: 1, pageSize: PAGE_SIZE };
  const [result, mine] = await Promise.all([listCalls(ctx, actor, query), myApplications(actor)]);
  const applied = new Set(mine.items.map((a) => a.call.id));
  res.render('calls/expert-list', {
    titleKey: 'calls.expertTitle',
    open: result.items.filter((c) => c.status === 'open' && !applied.has(c.id)),
    applications: mine.items,
    links: pageLinks(req.path, {}, result.page, result.total),
  });
}

async function renderExpertCall(ctx: Context, res: Response, id: string, form: FormState = {}) {
  const actor = pageActor(res);
  const [call, mine] = await Promise.all([getCall(ctx, actor, id), myApplications(actor)]);
  const ofCall = mine.items.filter((a) => a.call.id === id);
  const own = ofCall.find((a) => a.lead.expertId === actor.expertId) ?? null;
  const open = call.status === 'open';
  res.status(form.status ?? 200).render('calls/expert-call', {
    titleKey: 'calls.title',
    call,
    own,
    canWithdraw: open && own !== null && ['submitted', 'shortlisted'].includes(own.status),
    namedIn: ofCall.filter((a) => a !== own),
    // a withdrawn application may be sent again while the call is open
    canApply: open && (own === null || own.status === 'withdrawn'),
    memberRows: MEMBER_ROWS,
    errors: form.errors,
    values: form.values ?? {},
  });
}

function expertRoutes(ctx: Context, router: Router): void {
  const base = '/expert/calls';
  router.use(base, requireRole('expert'));

  router.get(base, (req, res) => renderExpertCalls(ctx, req, res));

  router.get(`${base}/:id`, async (req, res) => {
    await renderExpertCall(ctx, res, IdParams.parse(req.params).id);
  });

  router.post(`${base}/:id/apply`, async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const { input, rowOf } = applyInput(req.body);
    const done = await submitForm(ApplyBody, input, pageT(res), (valid) =>
      applyToCall(ctx, pageActor(res), id, valid),
    );
    if (!done.ok) {
      return renderExpertCall(ctx, res, id, {
        errors: applyFormErrors(done.errors, rowOf),
        values: req.body,
        status: done.status,
      });
    }
    res.redirect(303, `${base}/${id}?done=callApplied`);
  });

  router.post(`${base}/:id/applications/:applicationId/withdraw`, async (req, res) => {
    const { id, applicationId } = CallApplicationParams.parse(req.params);
    const ok = await step(
      res,
      () => withdrawApplication(ctx, pageActor(res), id, applicationId),
      (message) => renderExpertCall(ctx, res, id, { errors: { _form: message }, status: 409 }),
    );
    if (ok) res.redirect(303, `${base}/${id}?done=callWithdrawn`);
  });
}

// ---- office ------------------------------------------------------------------------------------

async function renderOfficeCall(ctx: Context, res: Response, actor: Actor, id: string, error?: string) {
  const lang = res.locals.lang as PageLanguage;
  const [call, applications] = await Promise.all([getCall(ctx, actor, id), listApplications(ctx, actor, id)]);
  res.status(error ? 409 : 200).render('calls/office-call', {
    titleKey: 'calls.title',
    call,
    applications: officeApplicationRows(applications.items, lang),
    shortlisting: call.status === 'open' || call.status === 'closed',
    errors: error ? { _form: error } : undefined,
  });
}

function officeRoutes(ctx: Context, router: Router): void {
  const base = '/coordinator/calls';
  router.use(base, requireRole('coordinator', 'admin'));

  router.get(base, (req, res) => renderCallList(ctx, req, res, 'calls/office-list', 'calls.officeTitle'));

  router.get(`${base}/:id`, async (req, res) => {
    await renderOfficeCall(ctx, res, pageActor(res), IdParams.parse(req.params).id);
  });

  router.post(`${base}/:id/applications/:applicationId/shortlist`, async (req, res) => {
    const actor = pageActor(res);
    const { id, applicationId } = CallApplicationParams.parse(req.params);
    const ok = await step(
      res,
      () => shortlistApplication(ctx, actor, id, applicationId),
      (message) => renderOfficeCall(ctx, res, actor, id, message),
    );
    if (ok) res.redirect(303, `${base}/${id}?done=callShortlisted`);
  });
}

/**
 * Open calls (揭榜挂帅) on pages: the employer posts, publishes and chooses; the expert applies and
 * withdraws; the office shortlists with each lead's fit explained. Every step is the API's service.
 */
export function callPages(ctx: Context): Router {
  const router = Router();
  employerRoutes(ctx, router);
  expertRoutes(ctx, router);
  officeRoutes(ctx, router);
  return router;
}
