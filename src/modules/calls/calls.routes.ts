import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import {
  ApplicationList,
  ApplicationView,
  ApplyBody,
  AwardView,
  CallApplicationParams,
  CallPage,
  CallView,
  CreateCallBody,
  ListCallsQuery,
} from './call.schemas';
import {
  applyToCall,
  listApplications,
  myApplications,
  shortlistApplication,
  withdrawApplication,
} from './call-applications.service';
import { chooseApplication } from './call-award.service';
import { cancelCall, closeCall, createCall, getCall, listCalls, publishCall } from './calls.service';

const OWNERS = ['employer', 'coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'admin'] as const;
const EVERYONE = ['employer', 'coordinator', 'admin', 'expert'] as const;

/** Open calls (揭榜挂帅): employers post, experts apply alone or as a team, the office shortlists. */
export function callsRoutes(ctx: Context) {
  const api = createApiRouter('/calls', 'Open calls');

  api.route({
    method: 'post',
    path: '/',
    summary: 'Post an open call as a draft (staff name the organisation in organisationId)',
    access: OWNERS,
    request: { body: CreateCallBody },
    success: { status: 201, schema: CallView },
    errors: [404],
    handler: ({ actor, input }) => createCall(actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/',
    summary:
      'List calls, newest first: employers their own, staff all, experts the open calls whose expertise they meet and those they applied to',
    access: EVERYONE,
    request: { query: ListCallsQuery },
    success: { status: 200, schema: CallPage },
    handler: ({ actor, input }) => listCalls(ctx, actor, input.query),
  });

  api.route({
    method: 'get',
    path: '/:id',
    summary: 'One call (experts: an open call they may apply to, or one they applied to)',
    access: EVERYONE,
    request: { params: IdParams },
    success: { status: 200, schema: CallView },
    errors: [404],
    handler: ({ actor, input }) => getCall(ctx, actor, input.params.id),
  });

  const steps = [
    [
      'publish',
      'Publish a draft call (the organisation must be verified); it closes at its deadline',
      publishCall,
    ],
    ['close', 'Close an open call before its deadline: no more applications', closeCall],
    ['cancel', 'Cancel a call not yet awarded', cancelCall],
  ] as const;
  for (const [step, summary, run] of steps) {
    api.route({
      method: 'post',
      path: `/:id/${step}`,
      summary,
      access: OWNERS,
      request: { params: IdParams },
      success: { status: 200, schema: CallView },
      errors: [404, 409],
      handler: ({ actor, input }) => run(ctx, actor, input.params.id),
    });
  }

  api.route({
    method: 'post',
    path: '/:id/applications',
    summary:
      'Apply to an open call with a plan, alone or leading a team of up to five (members named by their registered mobile number or email); one application per lead, sent again after it was withdrawn',
    access: ['expert'],
    request: { params: IdParams, body: ApplyBody },
    success: { status: 201, schema: ApplicationView },
    errors: [404, 409],
    handler: ({ actor, input }) => applyToCall(ctx, actor, input.params.id, input.body),
  });

  api.route({
    method: 'get',
    path: '/:id/applications',
    summary:
      'The applications to a call: staff all, each lead’s fit against the call explained, best first; the employer those shortlisted',
    access: OWNERS,
    request: { params: IdParams },
    success: { status: 200, schema: ApplicationList },
    errors: [404],
    handler: ({ actor, input }) => listApplications(ctx, actor, input.params.id),
  });

  api.route({
    method: 'post',
    path: '/:id/applications/:applicationId/withdraw',
    summary: 'Withdraw your application while the call still takes applications',
    access: ['expert'],
    request: { params: CallApplicationParams },
    success: { status: 200, schema: ApplicationView },
    errors: [404, 409],
    handler: ({ actor, input }) =>
      withdrawApplication(ctx, actor, input.params.id, input.params.applicationId),
  });

  api.route({
    method: 'post',
    path: '/:id/applications/:applicationId/shortlist',
    summary: 'Shortlist an application (office): the employer may then see and choose it',
    access: STAFF,
    request: { params: CallApplicationParams },
    success: { status: 200, schema: ApplicationView },
    errors: [404, 409],
    handler: ({ actor, input }) =>
      shortlistApplication(ctx, actor, input.params.id, input.params.applicationId),
  });

  api.route({
    method: 'post',
    path: '/:id/applications/:applicationId/choose',
    summary:
      'Choose a shortlisted application of a closed call: the call is awarded, its lead offered the work through the offer path, the others told',
    access: OWNERS,
    request: { params: CallApplicationParams },
    success: { status: 200, schema: AwardView },
    errors: [404, 409],
    handler: ({ actor, input }) => chooseApplication(ctx, actor, input.params.id, input.params.applicationId),
  });

  return api;
}

/** The signed-in expert's own applications. */
export function myCallApplicationsRoutes() {
  const api = createApiRouter('/experts', 'Open calls');
  api.route({
    method: 'get',
    path: '/me/call-applications',
    summary: 'Your applications to open calls, as lead or as a named team member, newest first',
    access: ['expert'],
    success: { status: 200, schema: ApplicationList },
    errors: [404],
    handler: ({ actor }) => myApplications(actor),
  });
  return api;
}
