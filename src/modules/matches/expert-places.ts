import type { ClientSession } from 'mongoose';
import { ConflictError } from '../../lib/errors';
import { adjustExpertCounters, reserveExpertPlace, touchExpert } from '../experts/expert-records.service';

/**
 * An expert's places: engagements plus pending offers may not exceed their maximum. Reserving is one
 * conditional update, so two confirmations racing for an expert's last place cannot both win.
 */
export async function reservePlace(expertId: string, session?: ClientSession): Promise<void> {
  if (!(await reserveExpertPlace(expertId, session))) {
    throw new ConflictError(
      'This expert has no free place (paused, or engagements and pending offers at their maximum).',
      'EXPERT_UNAVAILABLE',
    );
  }
}

/** A pending offer ended without an engagement. */
export const releasePlace = (expertId: string, session?: ClientSession) =>
  adjustExpertCounters(expertId, { pendingOffers: -1 }, session);

/** A pending offer became an engagement. */
export const startEngagement = (expertId: string, session?: ClientSession) =>
  adjustExpertCounters(expertId, { pendingOffers: -1, activeEngagements: 1 }, session);

/** An engagement ended (completed or cancelled). */
export const endEngagement = (expertId: string, session?: ClientSession) =>
  adjustExpertCounters(expertId, { activeEngagements: -1 }, session);

/**
 * Marks the expert changed, so the ranking store re-reads them (their match history is part of what
 * ranking sees, e.g. a rejection keeps them away from that need).
 */
export { touchExpert };
