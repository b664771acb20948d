import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import { nominate, withdrawNomination } from './nomination.service';
import {
  GrantQuotaBody,
  LedgerQuery,
  NominateBody,
  NominationParams,
  NominationView,
  QuotaLedger,
} from './quota.schemas';
import { getLedger, grantQuota } from './quota.service';

const MEMBERS = ['employer', 'coordinator', 'admin'] as const;

/** The talent-service quota (人才服务配额) of key enterprises, under /organisations/:id. */
export function quotaRoutes(ctx: Context) {
  const api = createApiRouter('/organisations', 'Talent-service quota');

  api.route({
    method: 'put',
    path: '/:id/quota',
    summary: 'Set the yearly quota of a verified organisation, making it a key enterprise (admins)',
    access: ['admin'],
    request: { params: IdParams, body: GrantQuotaBody },
    success: { status: 200, schema: QuotaLedger },
    errors: [404, 409],
    handler: ({ actor, input }) => grantQuota(actor, input.params.id, input.body.year, input.body.granted),
  });

  api.route({
    method: 'get',
    path: '/:id/quota',
    summary: 'The quota ledger of a year: granted, used, remaining, history and active nominations',
    access: MEMBERS,
    request: { params: IdParams, query: LedgerQuery },
    success: { status: 200, schema: QuotaLedger },
    errors: [404],
    handler: ({ actor, input }) => getLedger(actor, input.params.id, input.query.year),
  });

  api.route({
    method: 'post',
    path: '/:id/nominations',
    summary: 'Spend one unit: make a need priority, or put an engaged expert on the exclusive track',
    access: MEMBERS,
    request: { params: IdParams, body: NominateBody },
    success: { status: 201, schema: NominationView },
    errors: [404, 409],
    handler: ({ actor, input }) => nominate(ctx, actor, input.params.id, input.body),
  });

  api.route({
    method: 'delete',
    path: '/:id/nominations/:nominationId',
    summary: 'Withdraw a nomination; its unit returns to the quota',
    access: MEMBERS,
    request: { params: NominationParams },
    success: { status: 200, schema: NominationView },
    errors: [404, 409],
    handler: ({ actor, input }) => withdrawNomination(actor, input.params.id, input.params.nominationId),
  });

  return api;
}
