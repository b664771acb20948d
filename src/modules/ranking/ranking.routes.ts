import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { sendConditionalJson } from '../../lib/http/conditional';
import { IdParams } from '../../lib/schemas';
import { loadVisibleNeed } from '../needs/need.service';
import { getBatchRun, latestBatchRuns, requestBatch } from './batch.service';
import { candidateListPage } from './candidate-list.service';
import { enqueueRank } from './ranking.jobs';
import {
  BatchRunSchema,
  CandidatesQuery,
  ExplanationSchema,
  NeedExpertParams,
  RunIdParams,
  SnapshotSchema,
} from './ranking.schemas';
import { explainCandidate } from './ranking.service';
import { toBatchRunView } from './ranking-view';

const STAFF = ['coordinator', 'admin'] as const;

/** Ranked, explained candidates per need, and the batch assignment (coordinators). */
export function matchingRoutes(ctx: Context) {
  const needs = createApiRouter('/needs', 'Matching');
  needs.route({
    method: 'get',
    path: '/:id/candidates',
    summary:
      'A page of the latest ranked candidate list of a need (interested experts first), each with its per-factor explanation',
    access: STAFF,
    request: { params: IdParams, query: CandidatesQuery },
    success: { status: 200, schema: SnapshotSchema },
    errors: [404],
    expensive: true,
    conditional: true,
    handler: async ({ req, res, actor, input }) => {
      const list = await candidateListPage(ctx, actor, input.params.id, input.query);
      await sendConditionalJson(req, res, list.etag, list.json);
    },
  });
  needs.route({
    method: 'get',
    path: '/:id/candidates/:expertId/explanation',
    summary: 'Why this expert is a candidate for this need, or which filters exclude them ("why not")',
    access: STAFF,
    request: { params: NeedExpertParams },
    success: { status: 200, schema: ExplanationSchema },
    errors: [404],
    handler: ({ actor, input }) => explainCandidate(ctx, actor, input.params.id, input.params.expertId),
  });
  needs.route({
    method: 'post',
    path: '/:id/rank',
    summary: 'Rank this need again now',
    access: STAFF,
    request: { params: IdParams },
    success: { status: 202, schema: z.object({ queued: z.boolean() }) },
    errors: [404],
    handler: async ({ actor, input }) => {
      await loadVisibleNeed(actor, input.params.id);
      return { queued: await enqueueRank(ctx, input.params.id, 'coordinator') };
    },
  });

  const batch = createApiRouter('/matching', 'Matching');
  batch.route({
    method: 'post',
    path: '/batch-runs',
    summary: 'Run the exact batch assignment across all open needs (greedy is computed beside it)',
    access: STAFF,
    success: { status: 202, schema: BatchRunSchema },
    errors: [503],
    handler: async ({ actor }) => toBatchRunView(await requestBatch(ctx, actor)),
  });
  batch.route({
    method: 'get',
    path: '/batch-runs',
    summary: 'The latest batch runs, newest first',
    access: STAFF,
    success: { status: 200, schema: z.object({ items: z.array(BatchRunSchema) }) },
    handler: async () => ({ items: (await latestBatchRuns()).map(toBatchRunView) }),
  });
  batch.route({
    method: 'get',
    path: '/batch-runs/:runId',
    summary: 'One batch run with its recommendations and greedy’s',
    access: STAFF,
    request: { params: RunIdParams },
    success: { status: 200, schema: BatchRunSchema },
    errors: [404],
    handler: async ({ input }) => toBatchRunView(await getBatchRun(input.params.runId)),
  });
  return [needs, batch];
}
