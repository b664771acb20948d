import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { keysetPageOf } from '../../lib/keyset';
import { IdParams, SignupAccepted } from '../../lib/schemas';
import { currentPasswordLimits, signupRateLimit } from '../accounts/login-rate-limit';
import { ExpertView } from './expert-view';
import {
  AssistedExpertBody,
  ListExpertsQuery,
  RegisterExpertBody,
  UpdateExpertBody,
} from './experts.schemas';
import {
  createAssistedExpert,
  getExpert,
  getOwnExpert,
  registerExpert,
  updateExpert,
  updateOwnExpert,
} from './experts.service';
import { listExperts } from './experts-query';

export function expertsRoutes(ctx: Context) {
  const api = createApiRouter('/experts', 'Experts');
  api.router.post('/register', signupRateLimit(ctx));
  // Guessing the current password through a profile edit is slowed like signing in; other edits skip it.
  api.router.patch(
    '/me',
    (req, _res, next) => next(req.body?.currentPassword === undefined ? 'route' : undefined),
    ...currentPasswordLimits(ctx),
  );

  api.route({
    method: 'post',
    path: '/register',
    summary:
      'Sign up as an expert: creates the account and the profile, with the consent given, and emails a link to confirm the address. When the address already has an account, nothing is created and its owner is emailed instead; the answer is the same either way',
    access: 'public',
    request: { body: RegisterExpertBody },
    success: {
      status: 202,
      schema: SignupAccepted,
      description: 'Accepted: check your email (the same answer whether or not the address was registered)',
    },
    errors: [429],
    handler: ({ input }) => registerExpert(ctx, input.body),
  });

  api.route({
    method: 'post',
    path: '/',
    summary:
      'Register an expert on their behalf, recording the consent they gave in person (account without password)',
    access: ['coordinator', 'admin'],
    request: { body: AssistedExpertBody },
    success: { status: 201, schema: ExpertView },
    errors: [409],
    handler: ({ actor, input }) => createAssistedExpert(ctx, actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/',
    summary:
      'List experts: staff see all (and search by name or pinyin with q), employers the active pool (contacts masked), an expert only themself. Paged by page number (with the total) or by the cursor of a previous page (next/prev, stable while experts are added)',
    access: 'signed-in',
    request: { query: ListExpertsQuery },
    success: { status: 200, schema: keysetPageOf(ExpertView) },
    expensive: true,
    handler: ({ actor, input }) => listExperts(actor, input.query),
  });

  // Declared before /:id, which would otherwise take "me" for a malformed id.
  api.route({
    method: 'get',
    path: '/me',
    summary: 'Your own expert profile',
    access: ['expert'],
    success: { status: 200, schema: ExpertView },
    errors: [404],
    handler: ({ actor }) => getOwnExpert(actor),
  });

  api.route({
    method: 'patch',
    path: '/me',
    summary:
      'Edit your own expert profile (nested objects are merged; null clears a field); changing the login email asks for the current password',
    access: ['expert'],
    request: { body: UpdateExpertBody },
    success: { status: 200, schema: ExpertView },
    errors: [404, 409, 429],
    handler: ({ actor, input }) => updateOwnExpert(ctx, actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/:id',
    summary: 'One expert, as your role may see them (404 when not visible to you)',
    access: 'signed-in',
    request: { params: IdParams },
    success: { status: 200, schema: ExpertView },
    errors: [404],
    handler: ({ actor, input }) => getExpert(actor, input.params.id),
  });

  api.route({
    method: 'patch',
    path: '/:id',
    summary: 'Edit an expert profile: your own, or anyone as staff (audit-logged with the field names)',
    access: ['expert', 'coordinator', 'admin'],
    request: { params: IdParams, body: UpdateExpertBody },
    success: { status: 200, schema: ExpertView },
    errors: [404, 409],
    handler: ({ actor, input }) => updateExpert(ctx, actor, input.params.id, input.body),
  });

  return api;
}
