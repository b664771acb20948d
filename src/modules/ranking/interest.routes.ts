import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import { InterestBody, InterestView, MyInterestsPage, NeedInterestsPage } from './interest.schemas';
import { expressInterest, myInterests, needInterests, withdrawInterest } from './interest.service';

/** Expressions of interest: the expert's "我有意向" on a need, and the staff's list of who said it. */
export function interestRoutes(ctx: Context) {
  const needs = createApiRouter('/needs', 'Matching');
  needs.route({
    method: 'post',
    path: '/:id/interest',
    summary:
      'Say you are interested in an open need whose every requirement you meet (checked now). Idempotent: a repeat returns the interest already recorded, its note unchanged. The office still confirms every proposal; the employer never sees interests',
    access: ['expert'],
    request: { params: IdParams, body: InterestBody },
    success: { status: 201, schema: InterestView },
    errors: [404, 409],
    handler: ({ actor, input }) => expressInterest(ctx, actor, input.params.id, input.body),
  });
  needs.route({
    method: 'delete',
    path: '/:id/interest',
    summary: 'Withdraw your interest in a need; refused (409) once the office has proposed you for it',
    access: ['expert'],
    request: { params: IdParams },
    success: { status: 204 },
    errors: [404, 409],
    handler: ({ actor, input }) => withdrawInterest(ctx, actor, input.params.id),
  });
  needs.route({
    method: 'get',
    path: '/:id/interests',
    summary: 'The experts interested in a need, with their notes (staff only)',
    access: ['coordinator', 'admin'],
    request: { params: IdParams },
    success: { status: 200, schema: NeedInterestsPage },
    errors: [404],
    handler: ({ actor, input }) => needInterests(actor, input.params.id),
  });

  const experts = createApiRouter('/experts', 'Matching');
  experts.route({
    method: 'get',
    path: '/me/interests',
    summary:
      'The needs you said you are interested in, newest first, and whether each may still be withdrawn',
    access: ['expert'],
    success: { status: 200, schema: MyInterestsPage },
    errors: [404],
    handler: ({ actor }) => myInterests(actor),
  });
  return [needs, experts];
}
