import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import {
  AssignLiaisonBody,
  ContactBody,
  ContactList,
  ContactView,
  ExpertLiaisonView,
  HandoverBody,
  HandoverView,
  LiaisonLoads,
  MyExpertsList,
  OfficePhoneBody,
} from './liaison.schemas';
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

const STAFF = ['coordinator', 'admin'] as const;

/**
 * Liaisons (联系服务专家制度): who looks after each expert, their contacts, and handovers. `openRequests`
 * comes from the service desk through the composition root (see OpenServiceRequestCounter).
 */
export function liaisonRoutes(_ctx: Context, openRequests?: OpenServiceRequestCounter) {
  const api = createApiRouter('/liaisons', 'Liaisons');

  api.route({
    method: 'get',
    path: '/',
    summary:
      'The active coordinators (and disabled ones still holding experts) with how many experts each looks after',
    access: STAFF,
    success: { status: 200, schema: LiaisonLoads },
    handler: () => liaisonLoads(),
  });

  api.route({
    method: 'get',
    path: '/mine',
    summary:
      'My experts: those the signed-in liaison looks after, with engagements, open and overdue service requests and the last contact',
    access: STAFF,
    success: { status: 200, schema: MyExpertsList },
    handler: async ({ actor }) => ({ items: await myExperts(actor, openRequests) }),
  });

  api.route({
    method: 'put',
    path: '/profile',
    summary: 'The office phone the signed-in liaison gives their experts',
    access: ['coordinator'],
    request: { body: OfficePhoneBody },
    success: { status: 200, schema: z.object({ officePhone: z.string() }) },
    handler: ({ actor, input }) => setOfficePhone(actor, input.body.officePhone),
  });

  api.route({
    method: 'post',
    path: '/handover',
    summary: 'A leaving liaison hands every expert over at once: to one coordinator, or spread by load',
    access: STAFF,
    request: { body: HandoverBody },
    success: { status: 200, schema: HandoverView },
    errors: [409],
    handler: ({ actor, input }) => handOver(actor, input.body.from, input.body.to),
  });

  api.route({
    method: 'get',
    path: '/experts/:id',
    summary: 'An expert’s liaison: name and office phone (the expert sees their own)',
    access: ['expert', ...STAFF],
    request: { params: IdParams },
    success: { status: 200, schema: ExpertLiaisonView },
    errors: [404],
    handler: ({ actor, input }) => getExpertLiaison(actor, input.params.id),
  });

  api.route({
    method: 'put',
    path: '/experts/:id',
    summary: 'Assign or reassign an expert’s liaison (an active coordinator; audited)',
    access: STAFF,
    request: { params: IdParams, body: AssignLiaisonBody },
    success: { status: 200, schema: ExpertLiaisonView },
    errors: [404, 409],
    handler: async ({ actor, input }) => {
      await assignLiaison(actor, input.params.id, input.body.liaisonId);
      return getExpertLiaison(actor, input.params.id);
    },
  });

  api.route({
    method: 'get',
    path: '/experts/:id/contacts',
    summary: 'The visits, calls and messages with an expert, newest first (staff only)',
    access: STAFF,
    request: { params: IdParams },
    success: { status: 200, schema: ContactList },
    errors: [404],
    handler: async ({ input }) => ({ items: await listContacts(input.params.id) }),
  });

  api.route({
    method: 'post',
    path: '/experts/:id/contacts',
    summary: 'Record a visit, call or message with an expert',
    access: STAFF,
    request: { params: IdParams, body: ContactBody },
    success: { status: 201, schema: ContactView },
    errors: [404],
    handler: ({ actor, input }) => recordContact(actor, input.params.id, input.body),
  });

  return api;
}
