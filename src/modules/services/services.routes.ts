import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { fileOf, readMultipart, sendDownload } from '../../lib/http/files';
import { IdParams } from '../../lib/schemas';
import { getService, listServices, updateService } from './catalogue.service';
import { ATTACHMENT_TYPES } from './service-attachment.model';
import {
  addAttachment,
  deleteAttachment,
  listAttachments,
  readAttachment,
} from './service-attachments.service';
import {
  fileRequest,
  getRequest,
  listRequests,
  moveRequest,
  type RequestAction,
  rateRequest,
} from './service-requests.service';
import {
  AttachmentParams,
  AttachmentUpload,
  AttachmentView,
  CatalogueQuery,
  FileRequestBody,
  ListRequestsQuery,
  MAX_ATTACHMENT_BYTES,
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

  attachmentRoutes(api);
  return api;
}

/**
 * Documents on a request: PDF, JPEG or PNG up to 5 MB, checked by content, always served as downloads.
 * Those who see the request's contents use them; for anyone else (an employer sees status only) they
 * do not exist, as the request does not for another party: 404.
 */
function attachmentRoutes(api: ReturnType<typeof createApiRouter>) {
  api.route({
    method: 'post',
    path: '/:id/attachments',
    summary:
      'Attach a document to an open request (multipart/form-data, field `file`: PDF, JPEG or PNG up to 5 MB; its name and declared type must match its content); at most 10 per request',
    access: 'signed-in',
    request: { params: IdParams },
    multipart: AttachmentUpload,
    success: { status: 201, schema: AttachmentView },
    errors: [404, 409, 413, 415],
    handler: async ({ req, actor, input }) => {
      const body = await readMultipart(req, { fileField: 'file', maxFileBytes: MAX_ATTACHMENT_BYTES });
      return addAttachment(actor, input.params.id, fileOf(body, 'file'));
    },
  });

  api.route({
    method: 'get',
    path: '/:id/attachments',
    summary: "A request's attachments, without their bytes (those who see its contents; others 404)",
    access: 'signed-in',
    request: { params: IdParams },
    success: { status: 200, schema: z.array(AttachmentView) },
    errors: [404],
    handler: ({ actor, input }) => listAttachments(actor, input.params.id),
  });

  api.route({
    method: 'get',
    path: '/:id/attachments/:attachmentId',
    summary:
      'Download one attachment: always Content-Disposition attachment, the type found from its content, no caching',
    access: 'signed-in',
    request: { params: AttachmentParams },
    success: { status: 200, binary: ATTACHMENT_TYPES, description: 'The file' },
    errors: [404],
    handler: async ({ res, actor, input }) => {
      const { id, attachmentId } = input.params;
      sendDownload(res, await readAttachment(actor, id, attachmentId));
    },
  });

  api.route({
    method: 'delete',
    path: '/:id/attachments/:attachmentId',
    summary: 'Remove an attachment of an open request (whoever attached it, or the office)',
    access: 'signed-in',
    request: { params: AttachmentParams },
    success: { status: 204 },
    errors: [404, 409],
    handler: ({ actor, input }) => deleteAttachment(actor, input.params.id, input.params.attachmentId),
  });
}
