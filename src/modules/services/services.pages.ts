import { type Request, type Response, Router } from 'express';
import type { Context } from '../../context';
import { isStaff } from '../../lib/actor';
import { AppError, type ErrorDetail, NotFoundError } from '../../lib/errors';
import { fileOf, PAGE_UPLOAD, type PageUpload, sendDownload } from '../../lib/http/files';
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
import { type Nominee, nomineeOf, nomineesOf } from './nominees.service';
import {
  addAttachment,
  deleteAttachment,
  FILE_PROBLEMS,
  readAttachment,
} from './service-attachments.service';
import {
  fileRequest,
  getRequest,
  listRequests,
  mayUseServiceDesk,
  moveRequest,
  REQUEST_TRANSITIONS,
  type RequestAction,
  rateRequest,
} from './service-requests.service';
import {
  FileRequestBody,
  ListRequestsQuery,
  MAX_ATTACHMENTS_PER_REQUEST,
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

/** Who reads a request page: the expert served, the responsible unit, or the office (coordinators). */
type Desk = 'expert' | 'unit' | 'office';
/** Where each desk's request pages live (the emails link to the same places). */
const DESK_BASE: Record<Desk, string> = {
  expert: '/expert/services',
  unit: '/unit/requests',
  office: '/coordinator/services/requests',
};

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

/** Who files: the expert for themselves, or an employer for one of its nominated key talents. */
interface Filing {
  base: '/expert/services' | '/employer/services';
  nominee?: Nominee;
}

/** The links and hidden fields of the filing pages, for the expert or for an employer's nominee. */
function filingLinks(f: Filing) {
  const forNominee = f.nominee ? `?expertId=${f.nominee.expertId}` : '';
  return {
    newBase: `${f.base}/new${forNominee ? `${forNominee}&` : '?'}`,
    otherUrl: `${f.base}/new${forNominee}`,
    formAction: `${f.base}/new`,
    backUrl: f.base,
    backKey: f.nominee ? 'svc.backToNominees' : 'svc.backToMine',
    expertId: f.nominee?.expertId,
    forName: f.nominee?.name,
  };
}

const renderNotYet = (res: Response, filing: Filing) =>
  res.render('services/catalogue', {
    titleKey: 'svc.catalogueTitle',
    notYet: true,
    groups: [],
    ...filingLinks(filing),
  });

async function renderCatalogue(res: Response, filing: Filing) {
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
    ...filingLinks(filing),
    groups: [...groups].map(([category, items]) => ({
      category,
      label: t(`serviceCategory.${category}`),
      items,
    })),
  });
}

async function renderForm(
  res: Response,
  service: ServiceDefinition,
  filing: Filing,
  options: RenderOptions = {},
) {
  const fields = formFields(res, service, options);
  const errors = options.errors ?? {};
  res.status(options.status ?? 200).render('services/new', {
    titleKey: 'svc.newTitle',
    ...filingLinks(filing),
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
async function renderRequest(res: Response, r: ServiceRequestView, desk: Desk, options: RenderOptions = {}) {
  const handles = desk !== 'expert';
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
  const base = `${DESK_BASE[desk]}/${r.id}`;
  const actor = pageActor(res);
  const attachments = r.attachments.map((a) => ({
    ...a,
    url: `${base}/attachments/${a.id}`,
    sizeText: a.size < 1024 * 1024 ? `${Math.ceil(a.size / 1024)} KB` : `${(a.size / 1048576).toFixed(1)} MB`,
    canDelete: open && (a.uploadedBy === actor.userId || isStaff(actor)),
  }));
  res.status(options.status ?? 200).render('services/request', {
    titleKey: handles ? 'svc.handleTitle' : 'svc.requestTitle',
    request: row(res, r),
    facts,
    handles,
    backKey: { expert: 'svc.backToMine', unit: 'svc.backToQueue', office: 'svc.backToAll' }[desk],
    base,
    attachments,
    canAttach: open && attachments.length < MAX_ATTACHMENTS_PER_REQUEST,
    backUrl: DESK_BASE[desk],
    steps: handles ? UNIT_STEPS.filter((s) => next.includes(s.to as never)) : [],
    canRefuse: handles && next.includes('refused'),
    // The office may withdraw on the expert's behalf (a phone call), as the API allows.
    canWithdraw: desk !== 'unit' && open,
    canRate: desk === 'expert' && r.status === 'done' && !r.rating,
    scores: [5, 4, 3, 2, 1].map((n) => ({ value: String(n), checked: options.values?.score === String(n) })),
    values: options.values ?? {},
    errors: options.errors,
  });
}

const FILE_MESSAGES: Record<string, string> = {
  [FILE_PROBLEMS.required]: 'service.attachment.required',
  [FILE_PROBLEMS.empty]: 'service.attachment.empty',
  [FILE_PROBLEMS.unknownType]: 'service.attachment.unknownType',
  [FILE_PROBLEMS.mismatch]: 'service.attachment.mismatch',
  [FILE_PROBLEMS.tooLarge]: 'service.attachment.tooLarge',
};
const CONFLICT_MESSAGES: Record<string, string> = {
  TOO_MANY_ATTACHMENTS: 'service.attachment.tooMany',
  REQUEST_CLOSED: 'service.attachment.closed',
};

/** A refused file (400, 409, 413) in plain words beside the file field; anything else is not the form's. */
function attachmentErrors(res: Response, err: unknown): { errors: FieldErrors; status: number } | undefined {
  if (!(err instanceof AppError) || ![400, 409, 413].includes(err.httpStatus)) return undefined;
  const t = pageT(res);
  const details = Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [];
  const detail = details.find((d) => d.path === 'body.file');
  const key =
    CONFLICT_MESSAGES[err.code] ?? FILE_MESSAGES[detail?.message ?? ''] ?? 'service.attachment.invalid';
  return { errors: { file: t(key) }, status: err.httpStatus };
}

/** The file of a page's upload form (read before the CSRF check, see http/files.ts). */
function pageFile(res: Response) {
  const upload = res.locals[PAGE_UPLOAD] as PageUpload | undefined;
  if (upload && 'error' in upload) throw upload.error;
  return fileOf(upload?.body ?? { fields: {}, problems: [] }, 'file');
}

/** Attachments on the request page, for the expert and for the unit: add, download, remove. */
function attachmentPages(router: Router, desk: Desk) {
  const prefix = DESK_BASE[desk];
  const attachmentId = (req: Request): string => ObjectIdString.parse(req.params.attachmentId);
  const refused = async (res: Response, id: string, err: unknown) => {
    const failed = attachmentErrors(res, err);
    if (!failed) throw err;
    const r = await getRequest(pageActor(res), id);
    await renderRequest(res, r, desk, failed);
  };

  router.post(`${prefix}/:id/attachments`, async (req, res) => {
    const id = idParam(req);
    try {
      await addAttachment(pageActor(res), id, pageFile(res));
    } catch (err) {
      return refused(res, id, err);
    }
    res.redirect(303, `${prefix}/${id}#attachments`);
  });

  router.get(`${prefix}/:id/attachments/:attachmentId`, async (req, res) => {
    sendDownload(res, await readAttachment(pageActor(res), idParam(req), attachmentId(req)));
  });

  router.post(`${prefix}/:id/attachments/:attachmentId/delete`, async (req, res) => {
    const id = idParam(req);
    try {
      await deleteAttachment(pageActor(res), id, attachmentId(req));
    } catch (err) {
      return refused(res, id, err);
    }
    res.redirect(303, `${prefix}/${id}#attachments`);
  });
}

/** The catalogue, or the chosen service's form (?service=code). */
async function renderFiling(req: Request, res: Response, filing: Filing) {
  const code = typeof req.query.service === 'string' ? req.query.service : '';
  if (!code) return renderCatalogue(res, filing);
  await renderForm(res, await getService(pageActor(res), code), filing);
}

/** Files the form's request; answers its id, or renders the form again with the errors and answers undefined. */
async function fileFromForm(req: Request, res: Response, ctx: Context, filing: Filing) {
  const actor = pageActor(res);
  const code = required(req.body, 'serviceCode');
  const service = await getService(actor, code);
  const input = {
    serviceCode: code,
    ...(filing.nominee ? { expertId: filing.nominee.expertId } : {}),
    facts: factsFrom(service, req.body),
  };
  const done = await submitForm(FileRequestBody, input, pageT(res), (valid) =>
    fileRequest(ctx, actor, valid),
  );
  if (done.ok) return done.result.id;
  const errors = plainFactErrors(res, service, done.errors, req.body);
  await renderForm(res, service, filing, { errors, status: done.status, values: req.body });
  return undefined;
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

/** A date's rules (today, the date it follows) already read plainly; any other date error is its format. */
const DATE_RULE_ERRORS = ['error.dateNotPast', 'error.dateNotFuture', 'error.dateBeforeOther'];

/** The service's errors in plain words: "please fill this in" for an empty required field, and so on. */
function plainFactErrors(res: Response, service: ServiceDefinition, errors: FieldErrors, body: Body) {
  const t = pageT(res);
  const out: FieldErrors = { ...errors };
  for (const f of service.fields) {
    const name = `facts.${f.key}`;
    if (!out[name]) continue;
    if (f.required && !text(body, name)) out[name] = t('error.required');
    else if (f.type === 'number') out[name] = t('error.number');
    else if (f.type === 'date' && !DATE_RULE_ERRORS.some((key) => out[name] === t(key))) {
      out[name] = t('error.format');
    }
  }
  return out;
}

/** The list query from the URL: empty fields of the filter form are left out. */
function listQuery(req: Request) {
  const q: Record<string, string> = {};
  for (const key of ['status', 'overdue', 'expertId', 'page'] as const) {
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

/** One step of the unit's (or the office's); a refusal a person can fix (409: someone else moved it) shows above the page. */
async function step(
  res: Response,
  desk: Desk,
  id: string,
  action: (typeof UNIT_STEPS)[number]['action'],
  ctx: Context,
) {
  const actor = pageActor(res);
  try {
    await moveRequest(ctx, actor, id, action);
  } catch (err) {
    const errors = errorsFromError(err, pageT(res));
    if (!errors) throw err;
    const status = err instanceof AppError ? err.httpStatus : 400;
    return renderRequest(res, await getRequest(actor, id), desk, { errors, status });
  }
  res.redirect(303, `${DESK_BASE[desk]}/${id}?done=svcSaved`);
}

/** A step that takes a reason (refuse, withdraw): the form's errors on the request page, else back to it. */
function reasonStep(router: Router, ctx: Context, desk: Desk, action: 'refuse' | 'withdraw', done: string) {
  router.post(`${DESK_BASE[desk]}/:id/${action}`, async (req, res) => {
    const actor = pageActor(res);
    const id = idParam(req);
    const result = await submitForm(
      ReasonBody,
      { reason: required(req.body, 'reason') },
      pageT(res),
      (valid) => moveRequest(ctx, actor, id, action, valid.reason),
    );
    if (!result.ok) {
      const r = await getRequest(actor, id);
      return renderRequest(res, r, desk, { errors: result.errors, status: result.status, values: req.body });
    }
    res.redirect(303, `${DESK_BASE[desk]}/${id}?done=${done}`);
  });
}

/** The pages of one request for a desk that handles it (the unit, the office): view, steps, attachments. */
function handlingPages(router: Router, ctx: Context, desk: 'unit' | 'office') {
  const base = DESK_BASE[desk];
  router.get(`${base}/:id`, async (req, res) => {
    await renderRequest(res, await getRequest(pageActor(res), idParam(req)), desk);
  });
  attachmentPages(router, desk);
  for (const { action } of UNIT_STEPS) {
    router.post(`${base}/:id/${action}`, async (req, res) => step(res, desk, idParam(req), action, ctx));
  }
  reasonStep(router, ctx, desk, 'refuse', 'svcRefused');
}

export function servicePages(ctx: Context): Router {
  const router = Router();
  router.use('/expert/services', requireRole('expert'));
  router.use('/unit', requireRole('service_unit'));
  router.use('/employer/services', requireRole('employer'));
  router.use('/coordinator/services', requireRole('coordinator', 'admin'));

  // The expert: their requests, a new one, one request.
  router.get('/expert/services', async (_req, res) => {
    const mine = await listRequests(pageActor(res), { page: 1, pageSize: 100 });
    res.render('services/mine', {
      titleKey: 'svc.mineTitle',
      items: mine.items.map((r) => row(res, r)),
    });
  });

  const mine: Filing = { base: '/expert/services' };
  router.get('/expert/services/new', async (req, res) => {
    const expertId = pageActor(res).expertId;
    if (!expertId || !(await mayUseServiceDesk(expertId))) return renderNotYet(res, mine);
    await renderFiling(req, res, mine);
  });

  router.post('/expert/services/new', async (req, res) => {
    const id = await fileFromForm(req, res, ctx, mine);
    if (id) res.redirect(303, `/expert/services/${id}?done=svcFiled`);
  });

  router.get('/expert/services/:id', async (req, res) => {
    await renderRequest(res, await getRequest(pageActor(res), idParam(req)), 'expert');
  });

  attachmentPages(router, 'expert');
  reasonStep(router, ctx, 'expert', 'withdraw', 'svcWithdrawn');

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
      return renderRequest(res, r, 'expert', { errors, status: done.status, values: req.body });
    }
    res.redirect(303, `/expert/services/${id}?done=svcRated`);
  });

  // An employer: its nominated key talents' requests (status only), and filing for one of them.
  router.get('/employer/services', async (_req, res) => {
    const actor = pageActor(res);
    const [requests, nominees] = await Promise.all([
      listRequests(actor, { page: 1, pageSize: 100 }),
      nomineesOf(actor),
    ]);
    res.render('services/nominees', {
      titleKey: 'svc.nomineesTitle',
      items: requests.items.map((r) => row(res, r)),
      nominees,
    });
  });

  const forNominee = async (req: Request, res: Response): Promise<Filing> => {
    const raw = req.method === 'GET' ? req.query.expertId : (req.body as Body).expertId;
    const expertId = ObjectIdString.safeParse(raw);
    if (!expertId.success) throw new NotFoundError('Expert');
    return { base: '/employer/services', nominee: await nomineeOf(pageActor(res), expertId.data) };
  };
  router.get('/employer/services/new', async (req, res) => {
    await renderFiling(req, res, await forNominee(req, res));
  });
  router.post('/employer/services/new', async (req, res) => {
    const id = await fileFromForm(req, res, ctx, await forNominee(req, res));
    if (id) res.redirect(303, '/employer/services?done=svcFiled');
  });

  // The service unit: its queue (sign-in lands on /unit/services), one request, its steps.
  router.get('/unit/services', async (_req, res) => renderQueue(res));
  router.get('/unit/requests', async (_req, res) => renderQueue(res));
  handlingPages(router, ctx, 'unit');

  // The office: every request, filtered in the URL; one request, handled or withdrawn on the expert's behalf.
  router.get('/coordinator/services/requests', async (req, res) => {
    const t = pageT(res);
    const query = listQuery(req);
    const found = await listRequests(pageActor(res), query);
    const link = (page: number) => {
      const params = new URLSearchParams();
      for (const key of ['status', 'overdue', 'expertId'] as const) {
        const value = query[key];
        if (value) params.set(key, value);
      }
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
      expertId: query.expertId,
      expertName: query.expertId ? found.items[0]?.expertName : undefined,
      prevUrl: query.page > 1 ? link(query.page - 1) : undefined,
      nextUrl: query.page * query.pageSize < found.total ? link(query.page + 1) : undefined,
    });
  });
  handlingPages(router, ctx, 'office');
  reasonStep(router, ctx, 'office', 'withdraw', 'svcWithdrawn');

  return router;
}
