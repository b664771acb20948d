import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { ObjectIdString, PageQuery, pageOf } from '../../lib/schemas';
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

const AuditQuery = PageQuery.extend({
  actorId: ObjectIdString.optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(50).optional(),
  action: z.string().max(80).optional(),
}).strict();

export function auditRoutes() {
  const api = createApiRouter('/audit', 'Audit');
  api.route({
    method: 'get',
    path: '/',
    summary: 'The audit log of coordinator and admin actions, newest first (admins only)',
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
