import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { RecommendedNeedsPage, RecommendedNeedsQuery } from './recommended-needs.schemas';
import { recommendedNeeds } from './recommended-needs.service';

/** The reverse ranking for the signed-in expert: open needs they meet, best first. */
export function recommendedNeedsRoutes(ctx: Context) {
  const api = createApiRouter('/experts', 'Matching');
  api.route({
    method: 'get',
    path: '/me/recommended-needs',
    summary:
      'Open needs whose every requirement you meet, best first, each with the per-factor explanation the coordinator sees; needs during whose period your places are all taken are marked atLimit; none while you have paused',
    access: ['expert'],
    request: { query: RecommendedNeedsQuery },
    success: { status: 200, schema: RecommendedNeedsPage },
    errors: [404],
    expensive: true,
    handler: ({ actor, input }) => recommendedNeeds(ctx, actor, input.query),
  });
  return api;
}
