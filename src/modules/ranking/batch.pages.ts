import { Router } from 'express';
import type { Context } from '../../context';
import { pageActor, requireRole } from '../../lib/http/pages';
import { expertLabels } from '../experts/expert-records.service';
import { needTitles } from '../needs/need-records.service';
import { getBatchRun, latestBatchRuns, requestBatch } from './batch.service';
import { RunIdParams } from './ranking.schemas';
import { toBatchRunView } from './ranking-view';

type Pair = { needId: string; expertId: string; score: number };
const round = (n: number) => Math.round(n * 10) / 10;

/** Per need: the exact assignment's experts and greedy's, each with its total score, and the difference. */
async function perNeed(recommended: Pair[], greedy: Pair[]) {
  const needIds = [...new Set([...recommended, ...greedy].map((p) => p.needId))];
  const expertIds = [...new Set([...recommended, ...greedy].map((p) => p.expertId))];
  const [title, labels] = await Promise.all([needTitles(needIds), expertLabels(expertIds)]);
  const name = new Map([...labels].map(([id, l]) => [id, l.name]));
  const side = (list: Pair[], needId: string) => {
    const picked = list.filter((p) => p.needId === needId);
    return {
      experts: picked.map((p) => ({
        id: p.expertId,
        name: name.get(p.expertId) ?? '—',
        score: round(p.score),
      })),
      total: round(picked.reduce((s, p) => s + p.score, 0)),
    };
  };
  return needIds
    .map((needId) => {
      const exact = side(recommended, needId);
      const greedyPick = side(greedy, needId);
      return {
        needId,
        title: title.get(needId) ?? '—',
        exact,
        greedy: greedyPick,
        difference: round(exact.total - greedyPick.total),
      };
    })
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.title.localeCompare(b.title));
}

/** The batch assignment: run it now, the latest runs, and one run beside greedy's answer. */
export function batchPages(ctx: Context): Router {
  const router = Router();
  router.use('/coordinator/batch', requireRole('coordinator', 'admin'));

  router.get('/coordinator/batch', async (_req, res) => {
    const runs = (await latestBatchRuns(20)).map(toBatchRunView);
    res.render('coordinator/batch', { titleKey: 'batch.title', runs });
  });

  router.post('/coordinator/batch', async (_req, res) => {
    const run = await requestBatch(ctx, pageActor(res));
    res.redirect(303, `/coordinator/batch/${run.runId}?done=batchQueued`);
  });

  router.get('/coordinator/batch/:runId', async (req, res) => {
    const run = toBatchRunView(await getBatchRun(RunIdParams.parse(req.params).runId));
    const rows = await perNeed(run.recommendations, run.greedy);
    const total = (n: number | null) => (n === null ? null : round(n));
    res.render('coordinator/batch-run', {
      titleKey: 'batchRun.title',
      run,
      rows,
      exactTotal: total(run.scoreTotal),
      greedyTotal: total(run.greedyScoreTotal),
      difference:
        run.scoreTotal !== null && run.greedyScoreTotal !== null
          ? round(run.scoreTotal - run.greedyScoreTotal)
          : null,
      finished: run.status === 'done' || run.status === 'failed',
    });
  });

  return router;
}
