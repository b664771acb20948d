import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import { getService, listServices, updateService } from './catalogue.service';
import {
  fileRequest,
  getRequest,
  listRequests,
  moveRequest,
  type RequestAction,
  rateRequest,
} from './service-requests.service';
import {
  CatalogueQuery,
  FileRequestBody,
  ListRequestsQuery,
  RateBody,
  ReasonBody,
  ServiceDefinition,
  ServiceParams,
  ServiceRequestPage,
  ServiceRequestView,
  UpdateServiceBody,
} from './services.schemas';

const HANDLERS = ['service_unit', 'coordinator', 'admin'] as const;
const REQUESTERS = ['expert', 'employer', 'coordinator', 'admin'] as const;

/** The catalogue of talent services: everyone signed in reads it, admins tune it. */
export function servicesRoutes() {
  const api = createApiRouter('/services', 'Talent services');

  api.route({
    method: 'get',
    path: '/',
    summary: 'The catalogue of talent services, with the facts each needs and its promised working days',
    access: 'signed-in',
    request: { query: CatalogueQuery },
    success: { status: 200, schema: z.array(ServiceDefinition) },
    handler: ({ actor, input }) => listServices(actor, input.query.includeInactive === 'true'),
  });

  api.route({
    method: 'get',
    path: '/:code',
    summary: 'One service of the catalogue',
    access: 'signed-in',
    request: { params: ServiceParams },
    success: { status: 200, schema: ServiceDefinition },
    errors: [404],
    handler: ({ actor, input }) => getService(actor, input.params.code),
  });

  api.route({
    method: 'patch',
    path: '/:code',
    summary: "Change a service's promised working days, its unit's contact or whether it is offered (admins)",
    access: ['admin'],
    request: { params: ServiceParams, body: UpdateServiceBody },
    success: { status: 200, schema: ServiceDefinition },
    errors: [404],
    handler: ({ actor, input }) => updateService(actor, input.params.code, input.body),
  });

  return api;
}

/** Requests for talent services: filed by or for an expert, handled by the responsible unit. */
export function serviceRequestRoutes(ctx: Context) {
  const api = createApiRouter('/service-requests', 'Talent services');

  api.route({
    method: 'post',
    path: '/',
    summary:
      "File a request with the service's facts: an expert for themselves, a coordinator for an expert, an employer for its nominated key talent",
    access: REQUESTERS,
    request: { body: FileRequestBody },
    success: { status: 201, schema: ServiceRequestView },
    errors: [404, 409],
    handler: ({ actor, input }) => fileRequest(ctx, actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/',
    summary:
      "Requests the caller may see: an expert's own, a unit's queue (key talents first, then by deadline), an employer's nominees (status only), or all for coordinators",
    access: 'signed-in',
    request: { query: ListRequestsQuery },
    success: { status: 200, schema: ServiceRequestPage },
    handler: ({ actor, input }) => listRequests(actor, input.query),
  });

  api.route({
    method: 'get',
    path: '/:id',
    summary: "One request (another party's is 404)",
    access: 'signed-in',
    request: { params: IdParams },
    success: { status: 200, schema: ServiceRequestView },
    errors: [404],
    handler: ({ actor, input }) => getRequest(actor, input.params.id),
  });

  const steps: Array<[RequestAction, string]> = [
    ['accept', 'The unit accepts a submitted request'],
    ['start', 'The unit starts work on an accepted request'],
    ['complete', 'The unit finishes a request in progress'],
  ];
  for (const [action, summary] of steps) {
    api.route({
      method: 'post',
      path: `/:id/${action}`,
      summary,
      access: HANDLERS,
      request: { params: IdParams },
      success: { status: 200, schema: ServiceRequestView },
      errors: [404, 409],
      handler: ({ actor, input }) => moveRequest(ctx, actor, input.params.id, action),
    });
  }

  api.route({
    method: 'post',
    path: '/:id/refuse',
    summary: 'The unit refuses an open request, saying why',
    access: HANDLERS,
    request: { params: IdParams, body: ReasonBody },
    success: { status: 200, schema: ServiceRequestView },
    errors: [404, 409],
    handler: ({ actor, input }) => moveRequest(ctx, actor, input.params.id, 'refuse', input.body.reason),
  });

  api.route({
    method: 'post',
    path: '/:id/withdraw',
    summary: 'The requester (or the office) withdraws an open request, saying why',
    access: REQUESTERS,
    request: { params: IdParams, body: ReasonBody },
    success: { status: 200, schema: ServiceRequestView },
    errors: [404, 409],
    handler: ({ actor, input }) => moveRequest(ctx, actor, input.params.id, 'withdraw', input.body.reason),
  });

  api.route({
    method: 'post',
    path: '/:id/rate',
    summary: 'After done, the expert served (or whoever filed it) rates the service once, 1–5',
    access: REQUESTERS,
    request: { params: IdParams, body: RateBody },
    success: { status: 200, schema: ServiceRequestView },
    errors: [404, 409],
    handler: ({ actor, input }) => rateRequest(actor, input.params.id, input.body.score, input.body.comment),
  });

  return api;
}
