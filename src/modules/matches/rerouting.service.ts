import type { Context } from '../../context';
import { isMatchable } from '../needs/matchable.service';
import { getNeedRecord } from '../needs/need-records.service';
import { getOrganisationRecord } from '../organisations/organisation-records.service';
import { getCandidateSnapshot } from '../ranking/candidate-snapshot-records.service';
import { enqueueRank } from '../ranking/ranking.jobs';
import { touchExpert } from './expert-places';
import { Match, type MatchRecord } from './match.model';
import { HOLDING_STATUSES } from './match-transitions';

/**
 * An offer fell through (declined, expired, cancelled, rejected by the employer): rank the need again
 * and propose the next best candidate. When the queue is unavailable, propose from the snapshot at hand.
 */
export async function reroute(ctx: Context, needId: string): Promise<void> {
  if (await enqueueRank(ctx, needId, 'reroute', { reroute: true })) return;
  ctx.logger.warn({ needId }, 'rerouting from the stored snapshot');
  await proposeNext(needId);
}

/**
 * Proposes the best candidates not yet tried for this need, one per open place. Each proposal is an
 * insert on the unique (need, expert) pair, so two runs at once never propose the same expert twice.
 */
export async function proposeNext(needId: string): Promise<MatchRecord[]> {
  const need = await getNeedRecord(needId);
  if (!need) return [];
  const org = await getOrganisationRecord(need.organisationId);
  if (!isMatchable(need, org)) return [];
  const existing = await Match.find({ needId }).select('expertId status').lean<MatchRecord[]>();
  const holding = existing.filter((m) => HOLDING_STATUSES.includes(m.status)).length;
  let open = need.expertsWanted - need.filledCount - holding;
  if (open <= 0) return [];
  const tried = new Set(existing.map((m) => String(m.expertId)));
  const snapshot = await getCandidateSnapshot(needId);
  const proposed: MatchRecord[] = [];
  for (const c of snapshot?.candidates ?? []) {
    if (open <= 0) break;
    if (tried.has(String(c.expertId))) continue;
    try {
      const [created] = await Match.create([
        {
          needId,
          expertId: c.expertId,
          organisationId: need.organisationId,
          status: 'proposed',
          score: c.score,
          rank: c.rank,
          contributions: c.contributions,
          history: [
            {
              to: 'proposed',
              at: new Date(),
              byRole: 'system',
              channel: 'system',
              reason: 'next best candidate',
            },
          ],
        },
      ]);
      proposed.push(created.toObject() as MatchRecord);
      await touchExpert(String(c.expertId));
      open--;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
  return proposed;
}
