import { type Response, Router } from 'express';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { type FieldErrors, renderFormErrors, submitForm, text } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { expertLabels } from '../experts/expert-records.service';
import { CONTACT_KINDS } from './liaison.model';
import { AssignLiaisonBody, ContactBody, HandoverBody, OfficePhoneBody } from './liaison.schemas';
import {
  getExpertLiaison,
  liaisonLoads,
  listContacts,
  myExperts,
  type OpenServiceRequestCounter,
  recordContact,
  setOfficePhone,
} from './liaison.service';
import { assignLiaison, handOver } from './liaison-assignment.service';

type Values = Record<string, unknown>;

async function renderMyExperts(
  res: Response,
  actor: Actor,
  openRequests: OpenServiceRequestCounter | undefined,
  failed?: { errors: FieldErrors; status: number },
  values: Values = {},
) {
  const experts = await myExperts(actor, openRequests);
  const data = { titleKey: 'liaison.myExpertsTitle', experts, values };
  if (failed) return renderFormErrors(res, 'coordinator/my-experts', failed, data);
  res.render('coordinator/my-experts', data);
}

async function renderExpert(
  res: Response,
  actor: Actor,
  expertId: string,
  failed?: { errors: FieldErrors; status: number },
  values: Values = {},
) {
  const [liaison, contacts, loads, labels] = await Promise.all([
    getExpertLiaison(actor, expertId),
    listContacts(expertId),
    liaisonLoads(),
    expertLabels([expertId]),
  ]);
  const data = {
    titleKey: 'liaison.expertTitle',
    expert: { id: expertId, name: labels.get(expertId)?.name ?? '' },
    liaison,
    contacts,
    kindOptions: CONTACT_KINDS.map((k) => ({ value: k, label: pageT(res)(`contactKind.${k}`) })),
    liaisonOptions: loads.items
      .filter((l) => l.active)
      .map((l) => ({ value: l.id, label: `${l.name}（${l.experts}）` })),
    values,
  };
  if (failed) return renderFormErrors(res, 'coordinator/liaison-expert', failed, data);
  res.render('coordinator/liaison-expert', data);
}

async function renderLiaisons(
  res: Response,
  failed?: { errors: FieldErrors; status: number },
  values: Values = {},
) {
  const loads = await liaisonLoads();
  const data = {
    titleKey: 'liaison.officeTitle',
    liaisons: loads.items,
    fromOptions: loads.items.filter((l) => l.experts > 0).map((l) => ({ value: l.id, label: l.name })),
    toOptions: loads.items.filter((l) => l.active).map((l) => ({ value: l.id, label: l.name })),
    values,
  };
  if (failed) return renderFormErrors(res, 'coordinator/liaisons', failed, data);
  res.render('coordinator/liaisons', data);
}

/** The handover form's fields are named apart from the county pickers' "from" and "to". */
const handoverFields = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k === 'from' ? 'fromLiaison' : k === 'to' ? 'toLiaison' : k, v]),
  );

/**
 * Liaisons' pages: my experts, an expert's liaison and contacts, and the office's handover.
 * `openRequests` comes from the service desk through the composition root.
 */
export function liaisonPages(_ctx: Context, openRequests?: OpenServiceRequestCounter): Router {
  const router = Router();
  router.use(['/coordinator/my-experts', '/coordinator/liaisons'], requireRole('coordinator', 'admin'));

  router.get('/coordinator/my-experts', async (_req, res) => {
    await renderMyExperts(res, pageActor(res), openRequests);
  });

  router.post('/coordinator/my-experts/phone', async (req, res) => {
    const actor = pageActor(res);
    const input = { officePhone: text(req.body, 'officePhone') ?? '' };
    const done = await submitForm(OfficePhoneBody, input, pageT(res), (v) =>
      setOfficePhone(actor, v.officePhone),
    );
    if (!done.ok) return renderMyExperts(res, actor, openRequests, done, req.body);
    res.redirect(303, '/coordinator/my-experts?done=saved');
  });

  router.get('/coordinator/liaisons', async (_req, res) => {
    await renderLiaisons(res);
  });

  router.post('/coordinator/liaisons/handover', async (req, res) => {
    const input = { from: text(req.body, 'fromLiaison') ?? '', to: text(req.body, 'toLiaison') };
    const done = await submitForm(HandoverBody, input, pageT(res), (v) =>
      handOver(pageActor(res), v.from, v.to),
    );
    if (!done.ok) return renderLiaisons(res, { ...done, errors: handoverFields(done.errors) }, req.body);
    res.redirect(303, '/coordinator/liaisons?done=handedOver');
  });

  router.get('/coordinator/liaisons/experts/:id', async (req, res) => {
    await renderExpert(res, pageActor(res), ObjectIdString.parse(req.params.id));
  });

  router.post('/coordinator/liaisons/experts/:id/contacts', async (req, res) => {
    const actor = pageActor(res);
    const expertId = ObjectIdString.parse(req.params.id);
    const input = {
      date: text(req.body, 'date') ?? '',
      kind: text(req.body, 'kind') ?? '',
      summary: text(req.body, 'summary') ?? '',
      notes: text(req.body, 'notes'),
    };
    const done = await submitForm(ContactBody, input, pageT(res), (v) => recordContact(actor, expertId, v));
    if (!done.ok) return renderExpert(res, actor, expertId, done, req.body);
    res.redirect(303, `/coordinator/liaisons/experts/${expertId}?done=contactRecorded`);
  });

  router.post('/coordinator/liaisons/experts/:id/assign', async (req, res) => {
    const actor = pageActor(res);
    const expertId = ObjectIdString.parse(req.params.id);
    const input = { liaisonId: text(req.body, 'liaisonId') ?? '' };
    const done = await submitForm(AssignLiaisonBody, input, pageT(res), (v) =>
      assignLiaison(actor, expertId, v.liaisonId),
    );
    if (!done.ok) return renderExpert(res, actor, expertId, done, req.body);
    res.redirect(303, `/coordinator/liaisons/experts/${expertId}?done=liaisonAssigned`);
  });

  return router;
}
