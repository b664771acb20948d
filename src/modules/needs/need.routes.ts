import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { sendConditionalJson } from '../../lib/http/conditional';
import { IdParams } from '../../lib/schemas';
import { cancelNeedAndMatches } from '../matches/need-cancellation.service';
import { editNeed } from '../matches/need-change.service';
import {
  AnyNeedView,
  CreateNeedBody,
  EditedNeedView,
  ListNeedsQuery,
  NeedPage,
  NeedView,
  UpdateNeedBody,
} from './need.schemas';
import { createNeed, getNeed } from './need.service';
import { needListPage } from './need-list.service';
import { closeNeed, openNeed } from './need-status.service';

const OWNERS = ['employer', 'coordinator', 'admin'] as const;
const EVERYONE = ['employer', 'coordinator', 'admin', 'expert'] as const;

export function needRoutes(ctx: Context) {
  const api = createApiRouter('/needs', 'Needs');

  api.route({
    method: 'post',
    path: '/',
    summary: 'Post a need as a draft (staff name the organisation in organisationId)',
    access: OWNERS,
    request: { body: CreateNeedBody },
    success: { status: 201, schema: NeedView },
    errors: [404],
    handler: ({ actor, input }) => createNeed(actor, input.body),
  });

  api.route({
    method: 'get',
    path: '/',
    summary: 'List needs: employers their own, staff all, experts the open board (public fields only)',
    access: EVERYONE,
    request: { query: ListNeedsQuery },
    success: { status: 200, schema: NeedPage },
    expensive: true,
    conditional: true,
    handler: async ({ req, res, actor, input }) => {
      const page = await needListPage(ctx, actor, input.query);
      await sendConditionalJson(req, res, page.etag, page.json);
    },
  });

  api.route({
    method: 'get',
    path: '/:id',
    summary: 'One need (experts: only needs on the board, public fields only)',
    access: EVERYONE,
    request: { params: IdParams },
    success: { status: 200, schema: AnyNeedView },
    errors: [404],
    handler: ({ actor, input }) => getNeed(actor, input.params.id),
  });

  api.route({
    method: 'patch',
    path: '/:id',
    summary:
      'Edit a need that still wants experts (draft, open, matching, partially filled); the edit is recorded, ' +
      'the need ranked again, and proposals and offers whose expert no longer meets it are withdrawn',
    access: OWNERS,
    request: { params: IdParams, body: UpdateNeedBody },
    success: { status: 200, schema: EditedNeedView },
    errors: [404, 409],
    handler: ({ actor, input }) => editNeed(ctx, actor, input.params.id, input.body),
  });

  const steps = [
    ['open', 'Open a draft need (the organisation must be verified)', openNeed],
    ['cancel', 'Cancel a need not yet filled, and its matches in play', cancelNeedAndMatches],
    ['close', 'Close a published need', closeNeed],
  ] as const;
  for (const [step, summary, run] of steps) {
    api.route({
      method: 'post',
      path: `/:id/${step}`,
      summary,
      access: OWNERS,
      request: { params: IdParams },
      success: { status: 200, schema: NeedView },
      errors: [404, 409],
      handler: ({ actor, input }) => run(ctx, actor, input.params.id),
    });
  }

  return api;
}
