import { type Request, type Response, Router } from 'express';
import { type FieldErrors, FORM_ERROR, num, required, submitForm, text } from '../../lib/http/page-forms';
import { fieldIdOf } from '../../lib/http/page-helpers';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { getService, listServices, updateService } from './catalogue.service';
import { type ServiceDefinition, ServiceParams, UpdateServiceBody } from './services.schemas';

/**
 * The catalogue for admins: every service, offered or not, by responsible unit, and one form per
 * service for what `updateService` (the API's PATCH /services/{code}) may change. Nothing here decides.
 */

type Bilingual = { zh: string; en: string };
type Values = Record<string, unknown>;

const pick = (res: Response, b: Bilingual): string => (res.locals.lang === 'en' ? b.en : b.zh);
const codeParam = (req: Request): string => ServiceParams.parse(req.params).code;

async function renderCatalogue(res: Response, savedCode?: string) {
  const services = await listServices(pageActor(res), true);
  const units = new Map<string, { name: string; services: ReturnType<typeof card>[] }>();
  for (const s of [...services].sort((a, b) => a.unit.code.localeCompare(b.unit.code))) {
    const unit = units.get(s.unit.code) ?? { name: pick(res, s.unit.name), services: [] };
    unit.services.push(card(res, s));
    units.set(s.unit.code, unit);
  }
  const saved = services.find((s) => s.code === savedCode);
  res.render('services/catalogue-admin', {
    titleKey: 'service.catalogueAdmin.title',
    units: [...units.values()],
    total: services.length,
    offered: services.filter((s) => s.active).length,
    savedName: saved ? pick(res, saved.name) : undefined,
  });
}

/** One service as the admin reads it: both names, the contact, who may use it and the facts it asks. */
function card(res: Response, s: ServiceDefinition) {
  return {
    code: s.code,
    nameZh: s.name.zh,
    nameEn: s.name.en,
    name: pick(res, s.name),
    unit: pick(res, s.unit.name),
    phone: s.unit.phone,
    email: s.unit.email,
    eligible: s.eligible,
    facts: s.fields.map((f) => ({ label: pick(res, f.label), required: f.required })),
    days: s.promisedDays,
    active: s.active,
  };
}

/** The form's fields with their labels, entered values and errors (labels are the page's own words). */
function formFields(res: Response, values: Values, errors: FieldErrors) {
  const t = pageT(res);
  const field = (name: string, inputType: string, extra: Record<string, unknown> = {}) => ({
    name,
    id: fieldIdOf(name),
    label: t(`service.catalogueAdmin.${name}`),
    inputType,
    value: values[name] === undefined ? '' : String(values[name]),
    error: errors[name],
    ...extra,
  });
  return [
    field('promisedDays', 'text', {
      inputmode: 'numeric',
      hint: t('service.catalogueAdmin.promisedDaysHint'),
    }),
    field('unitPhone', 'tel', { autocomplete: 'off' }),
    field('unitEmail', 'email', { autocomplete: 'off' }),
  ];
}

async function renderEdit(
  res: Response,
  code: string,
  failed?: { errors: FieldErrors; status: number },
  entered?: Values,
) {
  const s = await getService(pageActor(res), code);
  const t = pageT(res);
  const values: Values = entered ?? {
    promisedDays: s.promisedDays,
    unitPhone: s.unit.phone,
    unitEmail: s.unit.email,
    active: String(s.active),
  };
  const errors = failed?.errors ?? {};
  const fields = formFields(res, values, errors);
  const activeLabel = t('service.catalogueAdmin.active');
  const errorItems = [
    ...fields.filter((f) => f.error).map((f) => ({ id: f.id, label: f.label, message: f.error })),
    ...(errors.active ? [{ id: fieldIdOf('active'), label: activeLabel, message: errors.active }] : []),
  ];
  res.status(failed?.status ?? 200).render('services/catalogue-admin-edit', {
    titleKey: 'service.catalogueAdmin.editTitle',
    service: card(res, s),
    fields,
    active: {
      id: fieldIdOf('active'),
      label: activeLabel,
      error: errors.active,
      options: [
        { value: 'true', label: t('service.catalogueAdmin.offered') },
        { value: 'false', label: t('service.catalogueAdmin.notOffered') },
      ].map((o, i) => ({
        ...o,
        id: `${fieldIdOf('active')}-${i}`,
        checked: String(values.active) === o.value,
      })),
    },
    formError: errors[FORM_ERROR],
    errorItems,
    hasErrors: Object.keys(errors).length > 0,
  });
}

/** "true"/"false" from the radios; anything else is passed on so the schema names the field. */
function activeOf(body: Values): boolean | string | undefined {
  const v = text(body, 'active');
  return v === 'true' ? true : v === 'false' ? false : v;
}

export function catalogueAdminPages(): Router {
  const router = Router();
  router.use('/admin/services', requireRole('admin'));

  router.get('/admin/services', async (req, res) => {
    await renderCatalogue(res, typeof req.query.saved === 'string' ? req.query.saved : undefined);
  });

  router.get('/admin/services/:code', async (req, res) => {
    await renderEdit(res, codeParam(req));
  });

  router.post('/admin/services/:code', async (req, res) => {
    const code = codeParam(req);
    const input = {
      // Every field of the form is sent: an emptied one is an error, not "leave as it was".
      promisedDays: num(req.body, 'promisedDays') ?? '',
      unitPhone: required(req.body, 'unitPhone'),
      unitEmail: required(req.body, 'unitEmail'),
      active: activeOf(req.body),
    };
    const done = await submitForm(UpdateServiceBody, input, pageT(res), (valid) =>
      updateService(pageActor(res), code, valid),
    );
    if (!done.ok) return renderEdit(res, code, done, req.body);
    res.redirect(303, `/admin/services?saved=${encodeURIComponent(code)}`);
  });

  return router;
}
