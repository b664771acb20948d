import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { DateOnly, ObjectIdString, PageQuery, pageOf } from '../../lib/schemas';
import { listAudit } from './audit.service';

const AuditItem = z
  .object({
    id: ObjectIdString,
    actorId: ObjectIdString,
    actorRole: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    at: z.date(),
  })
  .openapi('AuditEntry');

/** The log's filters, the same for the API and the page (/admin/audit). */
export const AuditFilterQuery = z.object({
  actorId: ObjectIdString.optional(),
  targetType: z
    .string()
    .regex(/^[a-z][a-z-]{0,49}$/)
    .optional(),
  targetId: z
    .string()
    .regex(/^[\w-]{1,50}$/)
    .optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z.-]{0,79}$/)
    .optional(),
  from: DateOnly.optional().openapi({ description: 'first day, in Beijing time' }),
  to: DateOnly.optional().openapi({ description: 'last day (included), in Beijing time' }),
});

/** A date range that ends before it starts is refused on `to`. */
export const fromNotAfterTo = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
};

/** Page numbers are bounded: deep history is reached by narrowing the dates, not by skipping. */
const MAX_AUDIT_PAGE = 500;

const AuditQuery = PageQuery.extend({
  ...AuditFilterQuery.shape,
  page: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(1),
})
  .strict()
  .superRefine(fromNotAfterTo);

export function auditRoutes() {
  const api = createApiRouter('/audit', 'Audit');
  api.route({
    method: 'get',
    path: '/',
    summary:
      'The audit log of coordinator and admin actions, newest first, filtered by actor, action, target and days (admins only)',
    access: ['admin'],
    request: { query: AuditQuery },
    success: { status: 200, schema: pageOf(AuditItem) },
    handler: ({ input }) => {
      const { page, pageSize, ...filter } = input.query;
      return listAudit(filter, page, pageSize);
    },
  });
  return api;
}
