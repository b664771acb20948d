import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { PageQuery, pageOf } from '../../lib/schemas';
import { EMAIL_KINDS } from './email.kinds';
import { listOutbox } from './email.service';
import { EMAIL_LANGUAGES, OUTBOX_STATUSES } from './outbox.model';

const OutboxItem = z
  .object({
    id: z.string(),
    kind: z.enum(EMAIL_KINDS),
    to: z.string(),
    language: z.enum(EMAIL_LANGUAGES),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    related: z.object({ type: z.string(), id: z.string() }).nullable(),
    createdAt: z.date(),
    sentAt: z.date().nullable(),
    failedAt: z.date().nullable(),
  })
  .openapi('OutboxEmail');

const OutboxQuery = PageQuery.extend({ status: z.enum(OUTBOX_STATUSES).default('failed') }).strict();

/** Coordinators follow messages that could not be delivered. */
export function emailRoutes() {
  const api = createApiRouter('/email', 'Email');

  api.route({
    method: 'get',
    path: '/outbox',
    summary: 'List outbox messages by status (failed by default), newest first',
    access: ['coordinator', 'admin'],
    request: { query: OutboxQuery },
    success: { status: 200, schema: pageOf(OutboxItem) },
    handler: ({ input }) => listOutbox(input.query.status, input.query.page, input.query.pageSize),
  });

  return api;
}
