import { type Job, UnrecoverableError } from 'bullmq';
import type { Context } from '../../src/context';
import { purgeExpiredActionTokens } from '../../src/modules/email/action-links';
import { sendCoordinatorDigest } from '../../src/modules/matches/digest.service';
import { expireOffer, remindOffer } from '../../src/modules/matches/offer.service';
import { OfferDeadlineJobData } from '../../src/modules/matches/offer-deadlines.jobs';
import { expireOverdueOffers, remindDueOffers } from '../../src/modules/matches/offer-sweep.service';

/** The `offer-deadlines` queue: each job re-reads the match and acts only if it is still due. */
export async function processOfferDeadlineJob(ctx: Context, job: Job<unknown>): Promise<string> {
  const parsed = OfferDeadlineJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid deadline job data: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  switch (data.kind) {
    case 'remind':
      return (await remindOffer(ctx, data.matchId)) ? 'reminded' : 'not due';
    case 'expire':
      return (await expireOffer(ctx, data.matchId)) ? 'expired' : 'answered or not due';
    case 'sweep':
      return `expired ${await expireOverdueOffers(ctx)}, reminded ${await remindDueOffers(ctx)}, purged ${await purgeExpiredActionTokens()} used links`;
    case 'digest':
      return `digest to ${await sendCoordinatorDigest(ctx)} coordinators`;
  }
}
