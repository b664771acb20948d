import { randomBytes } from 'node:crypto';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { chinaDay } from '../../lib/china-day';
import { NotFoundError, ServiceUnavailableError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { expertSpareCapacity } from '../experts/expert-records.service';
import { matchesOfNeeds } from '../matches/match-queries.service';
import { findMatchableNeeds } from '../needs/matchable.service';
import type { NeedRecord } from '../needs/need-records.service';
import { BatchRun, type BatchRunRecord } from './batch-run.model';
import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';
import { assignBatch, generateCandidateEdges } from './engine';
import { enqueueBatch } from './ranking.jobs';
import { rankNeed, withInterests } from './ranking.service';

/** Candidate edges per need given to the assignment (the same depth as a snapshot). */
const EDGES_PER_NEED = 50;

/** The day in a run id is China's, like every date on the pages (a run at 07:00 is today's, not yesterday's). */
export const newRunId = (prefix = 'run', now = new Date()): string =>
  `${prefix}-${chinaDay(now)}-${randomBytes(4).toString('hex')}`;

/** A coordinator asks for a batch run now; the worker performs it. */
export async function requestBatch(ctx: Context, actor: Actor): Promise<BatchRunRecord> {
  const runId = newRunId();
  const run = await BatchRun.create({ runId, status: 'queued', requestedBy: actor.userId });
  await recordAudit(actor, 'matching.batch.request', { type: 'batch-run', id: runId });
  try {
    await enqueueBatch(ctx, runId);
  } catch (err) {
    await BatchRun.updateOne({ runId }, { $set: { status: 'failed', error: 'the queue was unavailable' } });
    throw new ServiceUnavailableError('The batch run could not be queued; try again shortly.', err);
  }
  return run.toObject() as BatchRunRecord;
}

/**
 * Runs the exact assignment across every matchable need, stores the run with greedy's result beside
 * it, and marks the recommended experts on each need's snapshot. Idempotent: a finished run is not
 * run again.
 */
export async function runBatch(ctx: Context, runId: string): Promise<BatchRunRecord | null> {
  const run = await BatchRun.findOneAndUpdate(
    { runId, status: { $ne: 'done' } },
    { $set: { status: 'running', startedAt: new Date() } },
    { upsert: true, returnDocument: 'after' },
  )
    .lean<BatchRunRecord>()
    .catch((err: { code?: number }) => {
      if (err.code === 11000) return null; // already done
      throw err;
    });
  if (!run) return null;
  try {
    const result = await assign(ctx);
    return await BatchRun.findOneAndUpdate(
      { runId },
      { $set: { status: 'done', finishedAt: new Date(), ...result } },
      { returnDocument: 'after' },
    ).lean<BatchRunRecord>();
  } catch (err) {
    await BatchRun.updateOne({ runId }, { $set: { status: 'failed', error: (err as Error).message } });
    throw err;
  }
}

async function assign(ctx: Context) {
  const needs = await findMatchableNeeds();
  const needIds = needs.map((n) => n._id);
  const { held: holding, pairs: tried } = await matchesOfNeeds(needIds);
  const store = await ctx.experts.current();
  // scored as each need's candidate list is: interested experts earn the interest feature (weights v3)
  const edges = generateCandidateEdges(store, await withInterests(needs), EDGES_PER_NEED);
  const spare = await expertSpareCapacity([...new Set(edges.map((e) => e.expertId))]);
  const result = assignBatch({
    needs: needs.map((n) => ({
      id: String(n._id),
      wanted: n.expertsWanted,
      engaged: n.filledCount,
      pending: holding.get(String(n._id)) ?? 0,
      priority: n.priority,
    })),
    // one budget per expert across the run (not per period): the assignment never over-commits anyone
    experts: [...spare].map(([id, capacity]) => ({ id, capacity })),
    edges,
    exclude: tried,
  });
  await markRecommendations(ctx, needs, result.matches);
  const pairs = (list: typeof result.matches) =>
    list.map(({ needId, expertId, score }) => ({ needId, expertId, score }));
  return {
    needs: needs.length,
    edges: edges.length,
    total: result.total,
    scoreTotal: result.scoreTotal,
    greedyTotal: result.greedy.total,
    greedyScoreTotal: result.greedy.scoreTotal,
    recommendations: pairs(result.matches),
    greedy: pairs(result.greedy.matches),
  };
}

async function markRecommendations(
  ctx: Context,
  needs: NeedRecord[],
  chosen: { needId: string; expertId: string }[],
) {
  for (const need of needs) {
    const needId = String(need._id);
    const recommended = new Set(chosen.filter((c) => c.needId === needId).map((c) => c.expertId));
    const snapshot =
      (await CandidateSnapshot.findOne({ needId }).lean<CandidateSnapshotRecord>()) ??
      (await rankNeed(ctx, needId));
    if (!snapshot) continue;
    await CandidateSnapshot.updateOne(
      { _id: snapshot._id },
      {
        $set: {
          candidates: snapshot.candidates.map((c) => ({
            ...c,
            recommended: recommended.has(String(c.expertId)),
          })),
        },
      },
    );
  }
}

export async function getBatchRun(runId: string): Promise<BatchRunRecord> {
  const run = await BatchRun.findOne({ runId }).lean<BatchRunRecord>();
  if (!run) throw new NotFoundError('Batch run');
  return run;
}

export async function latestBatchRuns(limit = 10): Promise<BatchRunRecord[]> {
  return BatchRun.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean<BatchRunRecord[]>();
}
