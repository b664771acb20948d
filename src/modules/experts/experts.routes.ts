import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams, pageOf } from '../../lib/schemas';
import { CurrentUser } from '../accounts/auth.schemas';
import { signupRateLimit } from '../accounts/login-rate-limit';
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

const Registered = z.object({ user: CurrentUser, expert: ExpertView }).openapi('RegisteredExpert');

export function expertsRoutes(ctx: Context) {
  const api = createApiRouter('/experts', 'Experts');
  api.router.post('/register', signupRateLimit(ctx));

  api.route({
    method: 'post',
    path: '/register',
    summary: 'Sign up as an expert: creates the account and the profile, with the consent given',
    access: 'public',
    request: { body: RegisterExpertBody },
    success: { status: 201, schema: Registered },
    errors: [409],
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
      'List experts: staff see all, employers the active pool (contacts masked), an expert only themself',
    access: 'signed-in',
    request: { query: ListExpertsQuery },
    success: { status: 200, schema: pageOf(ExpertView) },
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
    summary: 'Edit your own expert profile (nested objects are merged; null clears a field)',
    access: ['expert'],
    request: { body: UpdateExpertBody },
    success: { status: 200, schema: ExpertView },
    errors: [404, 409],
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
