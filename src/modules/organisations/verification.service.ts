import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { withOutbox } from '../email/outbox-transaction';
import { findMatchableNeeds } from '../needs/matchable.service';
import { enqueueRank } from '../ranking/ranking.jobs';
import { Organisation, type OrganisationRecord, type OrganisationStatus } from './organisation.model';
import { toOrganisationView } from './organisation.service';
import { reviewEmails } from './organisation-emails';

/**
 * A conditional update from the expected statuses: of two coordinators acting at once, one wins
 * and the other gets 409 with nothing changed.
 */
async function transition(
  id: string,
  from: OrganisationStatus[],
  update: Record<string, unknown>,
  session: ClientSession,
): Promise<OrganisationRecord> {
  const updated = await Organisation.findOneAndUpdate({ _id: id, status: { $in: from } }, update, {
    returnDocument: 'after',
    session,
  }).lean<OrganisationRecord>();
  if (updated) return updated;
  const current = await Organisation.findById(id).select('status').session(session).lean();
  if (!current) throw new NotFoundError('Organisation');
  throw new ConflictError(
    `The organisation is ${current.status}; this step is not possible now.`,
    'ILLEGAL_TRANSITION',
    {
      status: current.status,
    },
  );
}

/**
 * A coordinator has checked the organisation (credit code, licence): its needs become matchable, and
 * its employer accounts are told in the same transaction.
 */
export async function verifyOrganisation(ctx: Context, actor: Actor, id: string) {
  const org = await withOutbox(ctx, async ({ session, email }) => {
    const verifiedAt = new Date();
    const update = {
      $set: { status: 'verified', verifiedAt, verifiedBy: actor.userId },
      $unset: { rejectionReason: 1 },
    };
    const verified = await transition(id, ['pending'], update, session);
    await recordAudit(actor, 'organisation.verify', { type: 'organisation', id }, undefined, session);
    for (const message of await reviewEmails(ctx, verified, { verifiedAt }, session)) await email(message);
    return verified;
  });
  // Needs published before a withdrawn verification become matchable again: rank them.
  for (const need of await findMatchableNeeds({ organisationId: id })) {
    await enqueueRank(ctx, String(need._id), 'organisation verified');
  }
  return toOrganisationView(org);
}

/**
 * Rejects a pending organisation, or withdraws the verification of one found wrong later. The
 * employer sees the reason (and is emailed it) and may correct the details, which resubmits it.
 */
export async function rejectOrganisation(ctx: Context, actor: Actor, id: string, reason: string) {
  const org = await withOutbox(ctx, async ({ session, email }) => {
    const update = {
      $set: { status: 'rejected', rejectionReason: reason },
      $unset: { verifiedAt: 1, verifiedBy: 1 },
    };
    const rejected = await transition(id, ['pending', 'verified'], update, session);
    await recordAudit(actor, 'organisation.reject', { type: 'organisation', id }, undefined, session);
    const outcome = { rejectedAt: new Date(), reason };
    for (const message of await reviewEmails(ctx, rejected, outcome, session)) await email(message);
    return rejected;
  });
  return toOrganisationView(org);
}
