import type { ClientSession } from 'mongoose';
import { ConflictError } from '../../lib/errors';
import { Expert } from '../experts/expert.model';
import { adjustExpertCounters } from '../experts/expert-records.service';

/**
 * An expert's places: engagements plus pending offers may not exceed their maximum. Reserving is one
 * conditional update, so two confirmations racing for an expert's last place cannot both win.
 */
export async function reservePlace(expertId: string, session?: ClientSession): Promise<void> {
  const res = await Expert.updateOne(
    {
      _id: expertId,
      status: 'active',
      $expr: {
        $lt: [
          { $add: ['$activeEngagements', '$pendingOffers'] },
          { $ifNull: ['$availability.maxConcurrent', 1] },
        ],
      },
    },
    { $inc: { pendingOffers: 1 } },
    { session },
  );
  if (res.modifiedCount !== 1) {
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
export async function touchExpert(expertId: string, session?: ClientSession): Promise<void> {
  await Expert.updateOne(
    { _id: expertId },
    { $set: { updatedAt: new Date() } },
    { session, timestamps: false },
  );
}
