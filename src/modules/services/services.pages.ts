import { type Request, type Response, Router } from 'express';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import {
  errorsFromError,
  type FieldErrors,
  FORM_ERROR,
  num,
  required,
  submitForm,
  text,
} from '../../lib/http/page-forms';
import { fieldIdOf } from '../../lib/http/page-helpers';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { activeService, getService, listServices } from './catalogue.service';
import {
  fileRequest,
  getRequest,
  listRequests,
  moveRequest,
  REQUEST_TRANSITIONS,
  type RequestAction,
  rateRequest,
} from './service-requests.service';
import {
  FileRequestBody,
  ListRequestsQuery,
  OPEN_REQUEST_STATUSES,
  RateBody,
  REQUEST_STATUSES,
  ReasonBody,
  type ServiceDefinition,
  type ServiceRequestView,
} from './services.schemas';

/**
 * The talent-services desk on pages: the expert files and follows their requests, the unit works its
 * queue, the office looks over all of them. Every step is the API's service; nothing here decides.
 */

type Bilingual = { zh: string; en: string };
type Body = Record<string, unknown>;
type RenderOptions = { errors?: FieldErrors; status?: number; values?: Record<string, unknown> };

const langOf = (res: Response): PageLanguage => (res.locals.lang === 'en' ? 'en' : 'zh-CN');
const pick = (res: Response, b: Bilingual): string => (langOf(res) === 'en' ? b.en : b.zh);
const idParam = (req: Request): string => ObjectIdString.parse(req.params.id);

/** The unit's steps, each with the status it leads to; refusing takes a reason and has its own form. */
const UNIT_STEPS: Array<{ action: Exclude<RequestAction, 'refuse' | 'withdraw'>; to: string }> = [
  { action: 'accept', to: 'accepted' },
  { action: 'start', to: 'in_progress' },
  { action: 'complete', to: 'done' },
];

/** One row of a list: the request with its names in the reader's language. */
function row(res: Response, r: ServiceRequestView) {
  return { ...r, service: pick(res, r.serviceName), unit: pick(res, r.unitName) };
}

/** The form fields of a service, drawn from its own field definitions, with entered values and errors. */
function formFields(res: Response, service: ServiceDefinition, options: RenderOptions) {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  return service.fields.map((f) => {
    const name = `facts.${f.key}`;
    const value = values[name] === undefined ? '' : String(values[name]);
    return {
      name,
      id: fieldIdOf(name),
      label: pick(res, f.label),
      required: f.required,
      choice: f.type === 'choice',
      inputType: f.type === 'date' ? 'date' : 'text',
      inputmode: f.type === 'number' ? 'decimal' : undefined,
      value,
      error: errors[name],
      options: f.options.map((o, i) => ({
        id: `${fieldIdOf(name)}-${i}`,
        value: o.value,
        label: pick(res, o.label),
        checked: o.value === value,
      })),
    };
  });
}

async function renderCatalogue(res: Response) {
  const t = pageT(res);
  const services = await listServices(pageActor(res));
  const groups = new Map<string, Array<{ code: string; name: string; description: string; days: number }>>();
  for (const s of services) {
    const list = groups.get(s.category) ?? [];
    list.push({
      code: s.code,
      name: pick(res, s.name),
      description: pick(res, s.description),
      days: s.promisedDays,
    });
    groups.set(s.category, list);
  }
  res.render('services/catalogue', {
    titleKey: 'svc.catalogueTitle',
    groups: [...groups].map(([category, items]) => ({
      category,
      label: t(`serviceCategory.${category}`),
      items,
    })),
  });
}

async function renderForm(res: Response, service: ServiceDefinition, options: RenderOptions = {}) {
  const fields = formFields(res, service, options);
  const errors = options.errors ?? {};
  res.status(options.status ?? 200).render('services/new', {
    titleKey: 'svc.newTitle',
    service: {
      code: service.code,
      name: pick(res, service.name),
      description: pick(res, service.description),
      unit: pick(res, service.unit.name),
      phone: service.unit.phone,
      days: service.promisedDays,
    },
    fields,
    formError: errors[FORM_ERROR],
    errorItems: fields.filter((f) => f.error).map((f) => ({ id: f.id, label: f.label, message: f.error })),
    hasErrors: Object.keys(errors).length > 0,
  });
}

/** A request on its page: facts labelled by the service's fields, history in words, what may be done. */
async function renderRequest(
  res: Response,
  r: ServiceRequestView,
  forUnit: boolean,
  options: RenderOptions = {},
) {
  const service = await activeService(r.serviceCode);
  const labels = new Map(service?.fields.map((f) => [f.key, f]) ?? []);
  const facts = Object.entries(r.facts ?? {}).map(([key, value]) => {
    const field = labels.get(key);
    const option = field?.options.find((o) => o.value === String(value));
    return {
      label: field ? pick(res, field.label) : key,
      value: option ? pick(res, option.label) : String(value),
    };
  });
  const open = OPEN_REQUEST_STATUSES.includes(r.status);
  const next = REQUEST_TRANSITIONS[r.status];
  res.status(options.status ?? 200).render('services/request', {
    titleKey: forUnit ? 'svc.handleTitle' : 'svc.requestTitle',
    request: row(res, r),
    facts,
    forUnit,
    base: forUnit ? `/unit/requests/${r.id}` : `/expert/services/${r.id}`,
    backUrl: forUnit ? '/unit/requests' : '/expert/services',
    steps: forUnit ? UNIT_STEPS.filter((s) => next.includes(s.to as never)) : [],
    canRefuse: forUnit && next.includes('refused'),
    canWithdraw: !forUnit && open,
    canRate: !forUnit && r.status === 'done' && !r.rating,
    scores: [5, 4, 3, 2, 1].map((n) => ({ value: String(n), checked: options.values?.score === String(n) })),
    values: options.values ?? {},
    errors: options.errors,
  });
}

/** The facts as typed: numbers for number fields, text otherwise; empty ones left out. */
function factsFrom(service: ServiceDefinition | undefined, body: Record<string, unknown>) {
  const facts: Record<string, string | number> = {};
  for (const f of service?.fields ?? []) {
    const name = `facts.${f.key}`;
    const value = f.type === 'number' ? num(body, name) : text(body, name);
    if (value !== undefined) facts[f.key] = value;
  }
  return facts;
}

/** The service's errors in plain words: "please fill this in" for an empty required field, and so on. */
function plainFactErrors(res: Response, service: ServiceDefinition, errors: FieldErrors, body: Body) {
  const t = pageT(res);
  const out: FieldErrors = { ...errors };
  for (const f of service.fields) {
    const name = `facts.${f.key}`;
    if (!out[name]) continue;
    if (f.required && !text(body, name)) out[name] = t('error.required');
    else if (f.type === 'number') out[name] = t('error.number');
    else if (f.type === 'date') out[name] = t('error.format');
  }
  return out;
}

/** The list query from the URL: empty fields of the filter form are left out. */
function listQuery(req: Request) {
  const q: Record<string, string> = {};
  for (const key of ['status', 'overdue', 'page'] as const) {
    const v = req.query[key];
    if (typeof v === 'string' && v !== '') q[key] = v;
  }
  return ListRequestsQuery.parse({ ...q, pageSize: 50 });
}

async function renderQueue(res: Response) {
  const actor = pageActor(res);
  const queue = await listRequests(actor, { page: 1, pageSize: 100 });
  res.render('services/queue', {
    titleKey: 'svc.queueTitle',
    items: queue.items.map((r) => row(res, r)),
    total: queue.total,
  });
}

/** One step of the unit's; a refusal a person can fix (409: someone else moved it) shows above the page. */
async function step(
  res: Response,
  actor: Actor,
  id: string,
  action: (typeof UNIT_STEPS)[number]['action'],
  ctx: Context,
) {
  try {
    await moveRequest(ctx, actor, id, action);
  } catch (err) {
    const errors = errorsFromError(err, pageT(res));
    if (!errors) throw err;
    const status = err instanceof AppError ? err.httpStatus : 400;
    return renderRequest(res, await getRequest(actor, id), true, { errors, status });
  }
  res.redirect(303, `/unit/requests/${id}?done=svcSaved`);
}

export function servicePages(ctx: Context): Router {
  const router = Router();
  router.use('/expert/services', requireRole('expert'));
  router.use('/unit', requireRole('service_unit'));
  router.use('/coordinator/services', requireRole('coordinator', 'admin'));

  // The expert: their requests, a new one, one request.
  router.get('/expert/services', async (_req, res) => {
    const mine = await listRequests(pageActor(res), { page: 1, pageSize: 100 });
    res.render('services/mine', {
      titleKey: 'svc.mineTitle',
      items: mine.items.map((r) => row(res, r)),
    });
  });

  router.get('/expert/services/new', async (req, res) => {
    const code = typeof req.query.service === 'string' ? req.query.service : '';
    if (!code) return renderCatalogue(res);
    await renderForm(res, await getService(pageActor(res), code));
  });

  router.post('/expert/services/new', async (req, res) => {
    const actor = pageActor(res);
    const code = required(req.body, 'serviceCode');
    const service = await getService(actor, code);
    const input = { serviceCode: code, facts: factsFrom(service, req.body) };
    const done = await submitForm(FileRequestBody, input, pageT(res), (valid) =>
      fileRequest(ctx, actor, valid),
    );
    if (!done.ok) {
      const errors = plainFactErrors(res, service, done.errors, req.body);
      return renderForm(res, service, { errors, status: done.status, values: req.body });
    }
    res.redirect(303, `/expert/services/${done.result.id}?done=svcFiled`);
  });

  router.get('/expert/services/:id', async (req, res) => {
    await renderRequest(res, await getRequest(pageActor(res), idParam(req)), false);
  });

  router.post('/expert/services/:id/withdraw', async (req, res) => {
    const actor = pageActor(res);
    const id = idParam(req);
    const done = await submitForm(ReasonBody, { reason: required(req.body, 'reason') }, pageT(res), (valid) =>
      moveRequest(ctx, actor, id, 'withdraw', valid.reason),
    );
    if (!done.ok) {
      const r = await getRequest(actor, id);
      return renderRequest(res, r, false, { errors: done.errors, status: done.status, values: req.body });
    }
    res.redirect(303, `/expert/services/${id}?done=svcWithdrawn`);
  });

  router.post('/expert/services/:id/rate', async (req, res) => {
    const actor = pageActor(res);
    const id = idParam(req);
    const input = { score: num(req.body, 'score'), comment: text(req.body, 'comment') };
    const done = await submitForm(RateBody, input, pageT(res), (valid) =>
      rateRequest(actor, id, valid.score, valid.comment),
    );
    if (!done.ok) {
      const errors = { ...done.errors };
      if (errors.score) errors.score = pageT(res)('svc.chooseScore');
      const r = await getRequest(actor, id);
      return renderRequest(res, r, false, { errors, status: done.status, values: req.body });
    }
    res.redirect(303, `/expert/services/${id}?done=svcRated`);
  });

  // The service unit: its queue (sign-in lands on /unit/services), one request, its steps.
  router.get('/unit/services', async (_req, res) => renderQueue(res));
  router.get('/unit/requests', async (_req, res) => renderQueue(res));

  router.get('/unit/requests/:id', async (req, res) => {
    await renderRequest(res, await getRequest(pageActor(res), idParam(req)), true);
  });

  for (const { action } of UNIT_STEPS) {
    router.post(`/unit/requests/:id/${action}`, async (req, res) => {
      const actor = pageActor(res);
      const id = idParam(req);
      await step(res, actor, id, action, ctx);
    });
  }

  router.post('/unit/requests/:id/refuse', async (req, res) => {
    const actor = pageActor(res);
    const id = idParam(req);
    const done = await submitForm(ReasonBody, { reason: required(req.body, 'reason') }, pageT(res), (valid) =>
      moveRequest(ctx, actor, id, 'refuse', valid.reason),
    );
    if (!done.ok) {
      const r = await getRequest(actor, id);
      return renderRequest(res, r, true, { errors: done.errors, status: done.status, values: req.body });
    }
    res.redirect(303, `/unit/requests/${id}?done=svcRefused`);
  });

  // The office: every request, filtered by status and lateness in the URL.
  router.get('/coordinator/services/requests', async (req, res) => {
    const t = pageT(res);
    const query = listQuery(req);
    const found = await listRequests(pageActor(res), query);
    const link = (page: number) => {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.overdue) params.set('overdue', query.overdue);
      params.set('page', String(page));
      return `/coordinator/services/requests?${params}`;
    };
    res.render('services/all', {
      titleKey: 'svc.allTitle',
      items: found.items.map((r) => row(res, r)),
      total: found.total,
      statusOptions: REQUEST_STATUSES.map((value) => ({
        value,
        label: t(`serviceStatus.${value}`),
        selected: value === query.status,
      })),
      overdue: query.overdue === 'true',
      prevUrl: query.page > 1 ? link(query.page - 1) : undefined,
      nextUrl: query.page * query.pageSize < found.total ? link(query.page + 1) : undefined,
    });
  });

  return router;
}
