import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams, PageQuery, pageOf } from '../../lib/schemas';
import { CurrentUser } from './auth.schemas';
import { CreateStaffBody, StaffAccount } from './staff.schemas';
import { createStaffUser, listStaffUsers, setUserDisabled } from './users.service';

/** Admins manage coordinators and other admins (the first admin comes from scripts/create-admin.ts). */
export function adminRoutes(ctx: Context) {
  const api = createApiRouter('/admin', 'Administration');

  api.route({
    method: 'post',
    path: '/users',
    summary:
      'Create a coordinator, admin or service-unit staff account (service_unit needs unitCode); without a password, the person gets a welcome email with a link to choose one',
    access: ['admin'],
    request: { body: CreateStaffBody },
    success: { status: 201, schema: CurrentUser },
    errors: [409],
    handler: ({ actor, input }) => createStaffUser(ctx, actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/users',
    summary:
      'List coordinator, admin and service-unit staff accounts, newest first, with status and last sign-in',
    access: ['admin'],
    request: { query: PageQuery.strict() },
    success: { status: 200, schema: pageOf(StaffAccount) },
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
