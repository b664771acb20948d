import type { Actor } from '../../src/lib/actor';
import type { MatchStatus } from '../../src/modules/matches/match.model';
import { type Channel, canTransition } from '../../src/modules/matches/match-transitions';

/** How a seeded match ended up where it is: the statuses it passed through, proposal first. */
export type Outcome =
  | 'proposed'
  | 'rejected'
  | 'awaiting_employer'
  | 'offered'
  | 'declined'
  | 'expired'
  | 'engaged'
  | 'completed'
  | 'cancelled';

export function pathTo(outcome: Outcome, employerApproval: boolean): MatchStatus[] {
  const toOffer: MatchStatus[] = employerApproval
    ? ['proposed', 'confirmed', 'awaiting_employer', 'offered']
    : ['proposed', 'confirmed', 'offered'];
  switch (outcome) {
    case 'proposed':
      return ['proposed'];
    case 'rejected':
      return ['proposed', 'rejected'];
    case 'awaiting_employer':
      return ['proposed', 'confirmed', 'awaiting_employer'];
    case 'offered':
      return toOffer;
    case 'declined':
    case 'expired':
      return [...toOffer, outcome];
    case 'engaged':
      return [...toOffer, 'accepted', 'engaged'];
    case 'completed':
    case 'cancelled':
      return [...toOffer, 'accepted', 'engaged', outcome];
  }
}

export interface People {
  coordinator: Actor;
  employer: Actor;
  expertUserId: string;
}

const REASONS: Partial<Record<MatchStatus, string>> = {
  rejected: '专业方向与岗位要求不完全一致',
  declined: '近期需照顾家人，暂不能到岗',
  cancelled: '专家身体原因，双方协商提前结束',
};

/** Who makes each step, and how: the same actors and channels the live workflow records. */
function stepBy(to: MatchStatus, people: People, i: number) {
  switch (to) {
    case 'proposed':
    case 'confirmed':
    case 'rejected':
    case 'cancelled':
      return { byUserId: people.coordinator.userId, byRole: 'coordinator', channel: 'web' as Channel };
    case 'accepted':
    case 'declined':
      return i % 2 === 0
        ? { byUserId: people.expertUserId, byRole: 'expert', channel: 'email-link' as Channel }
        : { byUserId: people.coordinator.userId, byRole: 'coordinator', channel: 'phone' as Channel };
    case 'completed':
      return { byUserId: people.employer.userId, byRole: 'employer', channel: 'web' as Channel };
    default:
      return { byRole: 'system', channel: 'system' as Channel };
  }
}

/**
 * The history of a path, one entry per step spaced `gapDays` apart and ending `endDaysAgo` before
 * now. Every step is checked against the lifecycle table, so the seed cannot invent a transition.
 */
export function historyOf(
  path: MatchStatus[],
  people: People,
  now: Date,
  endDaysAgo: number,
  gapDays: number,
) {
  return path.map((to, i) => {
    const from = i === 0 ? undefined : path[i - 1];
    if (from && !canTransition(from, to)) throw new Error(`seed: illegal step ${from} → ${to}`);
    const daysAgo = endDaysAgo + (path.length - 1 - i) * gapDays;
    return {
      ...(from ? { from } : {}),
      to,
      at: new Date(now.getTime() - daysAgo * 86_400_000),
      ...stepBy(to, people, i),
      ...(REASONS[to] ? { reason: REASONS[to] } : {}),
    };
  });
}
