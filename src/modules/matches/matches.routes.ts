import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { keysetPageOf } from '../../lib/keyset';
import { IdParams, ObjectIdString } from '../../lib/schemas';
import { getMatch, listMatches } from './match-queries.service';
import { MatchViewSchema } from './match-view';
import {
  cancelMatch,
  completeMatch,
  confirmCandidate,
  confirmMatch,
  employerDecision,
  proposeCandidate,
  recordAnswer,
  rejectCandidate,
  rejectMatch,
  withdrawMatch,
} from './match-workflow.service';
import {
  AnswerBody,
  CancelBody,
  CompleteBody,
  DecisionBody,
  ListMatchesQuery,
  ProposeBody,
  RejectBody,
  WithdrawBody,
} from './matches.schemas';

const STAFF = ['coordinator', 'admin'] as const;

/** The match lifecycle over HTTP; every change answers the match as the caller may now see it. */
export function matchesRoutes(ctx: Context) {
  const needs = createApiRouter('/needs', 'Matches');
  needs.route({
    method: 'post',
    path: '/:id/matches',
    summary: 'Propose an expert from the need’s ranked candidates',
    access: STAFF,
    request: { params: IdParams, body: ProposeBody },
    success: { status: 201, schema: MatchViewSchema },
    errors: [404, 409],
    handler: async ({ actor, input }) => {
      const m = await proposeCandidate(actor, input.params.id, input.body.expertId);
      return getMatch(actor, String(m._id));
    },
  });

  const CandidateParams = z.object({ id: ObjectIdString, expertId: ObjectIdString });
  needs.route({
    method: 'post',
    path: '/:id/candidates/:expertId/confirm',
    summary:
      'Confirm a ranked candidate in one step (proposed first if not yet): the employer approves next, or the offer is emailed',
    access: STAFF,
    request: { params: CandidateParams },
    success: { status: 200, schema: MatchViewSchema },
    errors: [404, 409],
    handler: async ({ actor, input }) => {
      const m = await confirmCandidate(ctx, actor, input.params.id, input.params.expertId);
      return getMatch(actor, String(m._id));
    },
  });
  needs.route({
    method: 'post',
    path: '/:id/candidates/:expertId/reject',
    summary: 'Turn a ranked candidate down in one step, with a reason; the next candidate is proposed',
    access: STAFF,
    request: { params: CandidateParams, body: RejectBody },
    success: { status: 200, schema: MatchViewSchema },
    errors: [404, 409],
    handler: async ({ actor, input }) => {
      const m = await rejectCandidate(ctx, actor, input.params.id, input.params.expertId, input.body.reason);
      return getMatch(actor, String(m._id));
    },
  });

  const api = createApiRouter('/matches', 'Matches');
  api.route({
    method: 'get',
    path: '/',
    summary:
      'Matches the caller may see (staff all, employers their organisation’s, experts their offers), by need, expert, organisation and status. Paged by page number (with the total) or by the cursor of a previous page (next/prev)',
    access: 'signed-in',
    request: { query: ListMatchesQuery },
    success: { status: 200, schema: keysetPageOf(MatchViewSchema) },
    handler: ({ actor, input }) => listMatches(actor, input.query),
  });
  api.route({
    method: 'get',
    path: '/:id',
    summary: 'One match with its history',
    access: 'signed-in',
    request: { params: IdParams },
    success: { status: 200, schema: MatchViewSchema },
    errors: [404],
    handler: ({ actor, input }) => getMatch(actor, input.params.id),
  });

  const step = <B extends z.ZodType>(spec: {
    path: string;
    summary: string;
    access: 'signed-in' | readonly ('expert' | 'employer' | 'coordinator' | 'admin')[];
    body?: B;
    run: (actor: Parameters<typeof getMatch>[0], id: string, body: z.output<B>) => Promise<unknown>;
  }) =>
    api.route({
      method: 'post',
      path: spec.path,
      summary: spec.summary,
      access: spec.access,
      request: spec.body ? { params: IdParams, body: spec.body } : { params: IdParams },
      success: { status: 200, schema: MatchViewSchema },
      errors: [404, 409],
      handler: async ({ actor, input }) => {
        const body = (input as { body?: z.output<B> }).body as z.output<B>;
        await spec.run(actor, input.params.id, body);
        return getMatch(actor, input.params.id);
      },
    });

  step({
    path: '/:id/confirm',
    summary: 'Confirm a proposal: the employer approves next (if the need asks), else the offer is emailed',
    access: STAFF,
    run: (actor, id) => confirmMatch(ctx, actor, id),
  });
  step({
    path: '/:id/reject',
    summary: 'Turn a proposal down, with a reason; the next candidate is proposed',
    access: STAFF,
    body: RejectBody,
    run: (actor, id, body) => rejectMatch(ctx, actor, id, body.reason),
  });
  step({
    path: '/:id/decision',
    summary: 'The employer approves the candidate (the offer goes out) or turns them down with a reason',
    access: ['employer', ...STAFF],
    body: DecisionBody,
    run: (actor, id, body) => employerDecision(ctx, actor, id, body),
  });
  step({
    path: '/:id/answer',
    summary: 'Accept or decline an offer: the expert, or a coordinator recording an answer given by phone',
    access: ['expert', ...STAFF],
    body: AnswerBody,
    run: (actor, id, body) => recordAnswer(ctx, actor, id, body),
  });
  step({
    path: '/:id/complete',
    summary:
      'Close an engagement with the employer’s rating (1–5), comment and the day it ended (today if not given); ' +
      '409 SERVICE_NOT_STARTED before the need’s period starts',
    access: ['employer', ...STAFF],
    body: CompleteBody,
    run: (actor, id, body) => completeMatch(actor, id, body),
  });
  step({
    path: '/:id/withdraw',
    summary:
      'The expert steps back from an accepted or engaged job, with a reason (or a coordinator records it, told by ' +
      'phone): the employer and the coordinator are emailed and the need is re-routed',
    access: ['expert', ...STAFF],
    body: WithdrawBody,
    run: (actor, id, body) => withdrawMatch(ctx, actor, id, body.reason),
  });
  step({
    path: '/:id/cancel',
    summary: 'Cancel a match in play, with a reason; its place is re-routed',
    access: STAFF,
    body: CancelBody,
    run: (actor, id, body) => cancelMatch(ctx, actor, id, body.reason),
  });
  return [needs, api];
}
