import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { Email, IdParams, Language, PageQuery, Password, pageOf, singleLine } from '../../lib/schemas';
import { UNIT_CODES } from '../services/catalogue.data';
import { CurrentUser } from './auth.schemas';
import { createStaffUser, listStaffUsers, setUserDisabled } from './users.service';

const CreateStaffBody = z
  .object({
    email: Email,
    password: Password,
    role: z.enum(['coordinator', 'admin', 'service_unit']),
    displayName: singleLine(100),
    preferredLanguage: Language.optional(),
    /** Required for role service_unit (and only then): the unit whose service requests the account handles. */
    unitCode: z
      .string()
      .refine((code) => UNIT_CODES.includes(code), { message: `one of: ${UNIT_CODES.join(', ')}` })
      .optional()
      .openapi({ description: 'A responsible unit of the talent-service catalogue', example: 'housing' }),
  })
  .strict()
  .refine((b) => (b.role === 'service_unit') === (b.unitCode !== undefined), {
    path: ['unitCode'],
    message: 'required for role service_unit, and only for it',
  })
  .openapi('CreateStaffBody');

/** Admins manage coordinators and other admins (the first admin comes from scripts/create-admin.ts). */
export function adminRoutes() {
  const api = createApiRouter('/admin', 'Administration');

  api.route({
    method: 'post',
    path: '/users',
    summary: 'Create a coordinator, admin or service-unit staff account (service_unit needs unitCode)',
    access: ['admin'],
    request: { body: CreateStaffBody },
    success: { status: 201, schema: CurrentUser },
    errors: [409],
    handler: ({ actor, input }) => createStaffUser(actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/users',
    summary: 'List coordinator, admin and service-unit staff accounts',
    access: ['admin'],
    request: { query: PageQuery.strict() },
    success: { status: 200, schema: pageOf(CurrentUser) },
    handler: ({ input }) => listStaffUsers(input.query.page, input.query.pageSize),
  });

  api.route({
    method: 'post',
    path: '/users/:id/disable',
    summary: 'Disable a staff account (its sessions and tokens stop working)',
    access: ['admin'],
    request: { params: IdParams },
    success: { status: 200, schema: CurrentUser },
    errors: [404, 409],
    handler: ({ actor, input }) => setUserDisabled(actor, input.params.id, true),
  });

  api.route({
    method: 'post',
    path: '/users/:id/enable',
    summary: 'Enable a disabled staff account',
    access: ['admin'],
    request: { params: IdParams },
    success: { status: 200, schema: CurrentUser },
    errors: [404],
    handler: ({ actor, input }) => setUserDisabled(actor, input.params.id, false),
  });

  return api;
}
