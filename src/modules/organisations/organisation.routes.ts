import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams, SignupAccepted } from '../../lib/schemas';
import { signupRateLimit } from '../accounts/login-rate-limit';
import {
  ListOrganisationsQuery,
  OrganisationPage,
  OrganisationView,
  RegisterEmployerBody,
  RejectOrganisationBody,
  UpdateOrganisationBody,
} from './organisation.schemas';
import { getOrganisation, listOrganisations, updateOrganisation } from './organisation.service';
import { registerEmployer } from './registration.service';
import { rejectOrganisation, verifyOrganisation } from './verification.service';

const MEMBERS = ['employer', 'coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'admin'] as const;

export function organisationRoutes(ctx: Context) {
  const api = createApiRouter('/organisations', 'Organisations');
  api.router.post('/register', signupRateLimit(ctx));

  api.route({
    method: 'post',
    path: '/register',
    summary:
      'Employer sign-up: the contact person’s account and the organisation (pending verification), and a link to confirm the address. When the address already has an account, nothing is created and its owner is emailed instead; the answer is the same either way. 409 CREDIT_CODE_TAKEN when the organisation is already registered',
    access: 'public',
    request: { body: RegisterEmployerBody },
    success: {
      status: 202,
      schema: SignupAccepted,
      description: 'Accepted: check your email (the same answer whether or not the address was registered)',
    },
    errors: [409, 429],
    handler: ({ input }) => registerEmployer(ctx, input.body),
  });

  api.route({
    method: 'get',
    path: '/',
    summary: 'List organisations (an employer sees only its own)',
    access: MEMBERS,
    request: { query: ListOrganisationsQuery },
    success: { status: 200, schema: OrganisationPage },
    handler: ({ actor, input }) => listOrganisations(actor, input.query),
  });

  api.route({
    method: 'get',
    path: '/:id',
    summary: 'One organisation (an employer only its own)',
    access: MEMBERS,
    request: { params: IdParams },
    success: { status: 200, schema: OrganisationView },
    errors: [404],
    handler: ({ actor, input }) => getOrganisation(actor, input.params.id),
  });

  api.route({
    method: 'patch',
    path: '/:id',
    summary:
      'Edit an organisation; an employer changing the name or credit code of a verified organisation sends it back to pending',
    access: MEMBERS,
    request: { params: IdParams, body: UpdateOrganisationBody },
    success: { status: 200, schema: OrganisationView },
    errors: [404, 409],
    handler: ({ actor, input }) => updateOrganisation(actor, input.params.id, input.body),
  });

  api.route({
    method: 'post',
    path: '/:id/verify',
    summary: 'Verify a pending organisation (its needs can then be opened and matched)',
    access: STAFF,
    request: { params: IdParams },
    success: { status: 200, schema: OrganisationView },
    errors: [404, 409],
    handler: ({ actor, input }) => verifyOrganisation(ctx, actor, input.params.id),
  });

  api.route({
    method: 'post',
    path: '/:id/reject',
    summary: 'Reject a pending organisation, or withdraw a verification, with a reason',
    access: STAFF,
    request: { params: IdParams, body: RejectOrganisationBody },
    success: { status: 200, schema: OrganisationView },
    errors: [404, 409],
    handler: ({ actor, input }) => rejectOrganisation(ctx, actor, input.params.id, input.body.reason),
  });

  return api;
}
