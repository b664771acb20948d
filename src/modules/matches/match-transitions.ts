import type { ClientSession } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { Match, type MatchRecord, type MatchStatus } from './match.model';

/** The lifecycle: which status may follow which. Anything else is a 409 with nothing changed. */
export const TRANSITIONS: Readonly<Record<MatchStatus, readonly MatchStatus[]>> = {
  proposed: ['confirmed', 'rejected', 'cancelled'],
  confirmed: ['awaiting_employer', 'offered', 'cancelled'],
  awaiting_employer: ['offered', 'rejected', 'cancelled'],
  offered: ['accepted', 'declined', 'expired', 'cancelled'],
  accepted: ['engaged', 'cancelled', 'withdrawn'],
  engaged: ['completed', 'cancelled', 'withdrawn'],
  rejected: [],
  declined: [],
  expired: [],
  completed: [],
  cancelled: [],
  withdrawn: [],
};

/** Statuses in which a match still holds one of the expert's places (counted against capacity). */
export const PENDING_STATUSES: readonly MatchStatus[] = [
  'confirmed',
  'awaiting_employer',
  'offered',
  'accepted',
];
/** Statuses in which a match fills (or is about to fill) one of its need's places: proposals too. */
export const HOLDING_STATUSES: readonly MatchStatus[] = ['proposed', ...PENDING_STATUSES];
/** Statuses in which a match is still in play for its need. */
export const OPEN_STATUSES: readonly MatchStatus[] = [...PENDING_STATUSES, 'proposed', 'engaged'];

export type Channel = 'system' | 'web' | 'email-link' | 'phone' | 'in-person' | 'api';

export interface TransitionInput {
  matchId: string;
  from: MatchStatus | readonly MatchStatus[];
  to: MatchStatus;
  actor?: Actor;
  channel: Channel;
  reason?: string;
  /** Extra fields set in the same update (e.g. offeredAt). */
  set?: Record<string, unknown>;
  /** Restricts the match further (e.g. to the caller's organisation): no match → 404. */
  scope?: Record<string, unknown>;
  session?: ClientSession;
}

export function canTransition(from: MatchStatus, to: MatchStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Moves a match from an expected status to the next with one conditional update on the status just
 * read, appending the history entry in the same write. Two callers racing for the same change:
 * exactly one wins; the other re-reads, finds the new status and gets 409 with nothing changed.
 */
export async function transition(input: TransitionInput): Promise<MatchRecord> {
  const from: readonly MatchStatus[] = typeof input.from === 'string' ? [input.from] : input.from;
  const filter = { _id: input.matchId, ...input.scope };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await Match.findOne(filter)
      .session(input.session ?? null)
      .lean<MatchRecord>();
    if (!current) throw new NotFoundError('Match');
    if (!from.includes(current.status) || !canTransition(current.status, input.to)) {
      throw illegal(current.status, input.to);
    }
    const updated = await Match.findOneAndUpdate(
      { ...filter, status: current.status },
      {
        $set: { status: input.to, ...input.set },
        $push: {
          history: {
            from: current.status,
            to: input.to,
            at: new Date(),
            byUserId: input.actor?.userId,
            byRole: input.actor?.role ?? 'system',
            channel: input.channel,
            reason: input.reason,
          },
        },
      },
      { returnDocument: 'after', session: input.session },
    ).lean<MatchRecord>();
    if (updated) return updated;
  }
  const latest = await Match.findOne(filter)
    .session(input.session ?? null)
    .lean<MatchRecord>();
  throw illegal(latest?.status ?? 'cancelled', input.to);
}

/** The 409 for a step the lifecycle does not allow from the current status. */
export function illegal(status: MatchStatus, requested: MatchStatus): ConflictError {
  return new ConflictError(`A match that is ${status} cannot become ${requested}.`, 'ILLEGAL_TRANSITION', {
    status,
    requested,
  });
}
