import type { Context } from '../../context';
import { isSingleMessageJob, jobOfRecord } from './email.jobs';
import { emailQueue } from './email.service';
import { OutboxEmail, type OutboxRecord } from './outbox.model';

/** Whom to forget, and the records (matches, requests, stays) whose messages to others may name them. */
export interface OutboxPerson {
  /** The person's addresses (account and profile). */
  emails: string[];
  /** Their name as it appears in messages to others. */
  name: string;
  /** What stands in for the name from now on. */
  placeholder: string;
  related: { type: string; id: string }[];
}

/** Free text the person wrote (a reason for declining, withdrawing): gone, not replaced. */
const THEIR_TEXT = new Set(['reason']);

/** The data with every occurrence of the name replaced and the person's own words removed. */
function scrubbed(value: unknown, person: OutboxPerson): unknown {
  if (typeof value === 'string') return value === person.name ? person.placeholder : value;
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, person));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !THEIR_TEXT.has(key))
        .map(([key, v]) => [key, scrubbed(v, person)]),
    );
  }
  return value;
}

/**
 * The outbox forgets a person who deleted their data. Every message to them goes (sent or not: a
 * message not yet sent would reach an address its owner asked us to forget, with live links), and
 * its queued job with it. Messages to others about them (the employer, the coordinator, a digest)
 * stay, so that those not yet sent still go out, but name the placeholder and lose the person's own
 * words. Safe to run again: a second run finds nothing left to change.
 */
export async function forgetPersonInOutbox(
  ctx: Context,
  person: OutboxPerson,
): Promise<{ deleted: number; scrubbed: number }> {
  const emails = [...new Set(person.emails.flatMap((e) => [e, e.toLowerCase()]))];
  const toThem = await OutboxEmail.find({ to: { $in: emails } })
    .select({ _id: 1, jobId: 1 })
    .lean();
  if (toThem.length > 0) {
    await OutboxEmail.deleteMany({ _id: { $in: toThem.map((r) => r._id) } });
    // A waiting job of its own would find no record and retry in vain: take it off the queue (best
    // effort). A batch job also carries other people's messages: it stays, and skips the missing one.
    const ownJobs = toThem.map(jobOfRecord).filter(isSingleMessageJob);
    await Promise.all(
      ownJobs.map((jobId) =>
        emailQueue(ctx)
          .remove(jobId)
          .catch(() => 0),
      ),
    );
  }

  const about = await OutboxEmail.find({
    $or: [
      ...person.related.map((r) => ({ 'related.type': r.type, 'related.id': r.id })),
      { toName: person.name },
      // the digest lists offers about to expire by the expert's name
      { kind: 'coordinator-digest', 'data.expiringOffers.expertName': person.name },
    ],
  }).lean<OutboxRecord[]>();
  let changed = 0;
  for (const record of about) {
    const data = scrubbed(record.data, person);
    const toName = record.toName === person.name ? person.placeholder : record.toName;
    if (JSON.stringify(data) === JSON.stringify(record.data) && toName === record.toName) continue;
    await OutboxEmail.updateOne({ _id: record._id }, { $set: { data, ...(toName ? { toName } : {}) } });
    changed++;
  }
  return { deleted: toThem.length, scrubbed: changed };
}
