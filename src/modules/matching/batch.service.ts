import { randomBytes } from 'node:crypto';
import type { Actor } from '../../lib/actor';
import { NotFoundError, ServiceUnavailableError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { Expert, type ExpertRecord } from '../experts/expert.model';
import { Match, type MatchRecord } from '../matches/match.model';
import { HOLDING_STATUSES } from '../matches/match-transitions';
import { findMatchableNeeds } from '../needs/matchable.service';
import type { NeedRecord } from '../needs/need.model';
import { BatchRun, type BatchRunRecord } from './batch-run.model';
import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';
import { assignBatch, generateCandidateEdges } from './engine';
import { toEngineNeed } from './engine-mapping';
import { expertStoreCache } from './expert-store-cache';
import { enqueueBatch } from './matching.jobs';
import { rankNeed } from './matching.service';

/** Candidate edges per need given to the assignment (the same depth as a snapshot). */
const EDGES_PER_NEED = 50;

export const newRunId = (prefix = 'run'): string =>
  `${prefix}-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;

/** A coordinator asks for a batch run now; the worker performs it. */
export async function requestBatch(actor: Actor): Promise<BatchRunRecord> {
  const runId = newRunId();
  const run = await BatchRun.create({ runId, status: 'queued', requestedBy: actor.userId });
  await recordAudit(actor, 'matching.batch.request', { type: 'batch-run', id: runId });
  try {
    await enqueueBatch(runId);
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
export async function runBatch(runId: string): Promise<BatchRunRecord | null> {
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
    const result = await assign();
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

async function assign() {
  const needs = await findMatchableNeeds();
  const needIds = needs.map((n) => n._id);
  const matches = await Match.find({ needId: { $in: needIds } })
    .select('needId expertId status')
    .lean<MatchRecord[]>();
  const holding = new Map<string, number>();
  for (const m of matches) {
    if (HOLDING_STATUSES.includes(m.status))
      holding.set(String(m.needId), (holding.get(String(m.needId)) ?? 0) + 1);
  }
  const store = await expertStoreCache.current();
  const edges = generateCandidateEdges(store, needs.map(toEngineNeed), EDGES_PER_NEED);
  const experts = await Expert.find({ _id: { $in: [...new Set(edges.map((e) => e.expertId))] } })
    .select('availability.maxConcurrent activeEngagements pendingOffers')
    .lean<ExpertRecord[]>();
  const result = assignBatch({
    needs: needs.map((n) => ({
      id: String(n._id),
      wanted: n.expertsWanted,
      engaged: n.filledCount,
      pending: holding.get(String(n._id)) ?? 0,
      priority: n.priority,
    })),
    experts: experts.map((e) => ({
      id: String(e._id),
      capacity: Math.max(0, (e.availability?.maxConcurrent ?? 1) - e.activeEngagements - e.pendingOffers),
    })),
    edges,
    exclude: matches.map((m) => ({ needId: String(m.needId), expertId: String(m.expertId) })),
  });
  await markRecommendations(needs, result.matches);
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

async function markRecommendations(needs: NeedRecord[], chosen: { needId: string; expertId: string }[]) {
  for (const need of needs) {
    const needId = String(need._id);
    const recommended = new Set(chosen.filter((c) => c.needId === needId).map((c) => c.expertId));
    const snapshot =
      (await CandidateSnapshot.findOne({ needId }).lean<CandidateSnapshotRecord>()) ??
      (await rankNeed(needId));
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
