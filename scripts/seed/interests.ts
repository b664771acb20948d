import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { getCandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot-records.service';
import { expressInterest } from '../../src/modules/ranking/interest.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';

const NOTES = [
  '退休前在区人民医院做了二十年这方面的工作，下个月起每周可以来两天。',
  '',
  '家在附近，路上方便；希望先和单位的负责同志通个电话。',
];

/**
 * Expressions of interest on a few ranked needs: candidates from the middle of each list (so the
 * interest visibly lifts them), through the same service the experts' pages call; each need is ranked
 * again so its list shows them first, marked.
 */
export async function seedInterests(ctx: Context, needIds: readonly string[]): Promise<number> {
  let made = 0;
  for (const [k, needId] of needIds.slice(0, 3).entries()) {
    const snapshot = await getCandidateSnapshot(needId);
    const picked = [snapshot?.candidates[3], snapshot?.candidates[6]].filter((c) => c !== undefined);
    for (const [j, c] of picked.entries()) {
      const expertId = String(c.expertId);
      const actor: Actor = { userId: expertId, role: 'expert', expertId, via: 'session' };
      await expressInterest(ctx, actor, needId, { note: NOTES[(k + j) % NOTES.length] || undefined });
      made++;
    }
    if (picked.length > 0) await rankNeed(ctx, needId);
  }
  return made;
}
