import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { enqueueRank } from '../matching/matching.jobs';
import { findMatchableNeeds } from '../needs/matchable.service';
import { Organisation, type OrganisationRecord, type OrganisationStatus } from './organisation.model';
import { toOrganisationView } from './organisation.service';

/**
 * A conditional update from the expected statuses: of two coordinators acting at once, one wins
 * and the other gets 409 with nothing changed.
 */
async function transition(
  id: string,
  from: OrganisationStatus[],
  update: Record<string, unknown>,
): Promise<OrganisationRecord> {
  const updated = await Organisation.findOneAndUpdate({ _id: id, status: { $in: from } }, update, {
    returnDocument: 'after',
  }).lean<OrganisationRecord>();
  if (updated) return updated;
  const current = await Organisation.findById(id).select('status').lean();
  if (!current) throw new NotFoundError('Organisation');
  throw new ConflictError(
    `The organisation is ${current.status}; this step is not possible now.`,
    'ILLEGAL_TRANSITION',
    {
      status: current.status,
    },
  );
}

/** A coordinator has checked the organisation (credit code, licence): its needs become matchable. */
export async function verifyOrganisation(actor: Actor, id: string) {
  const org = await transition(id, ['pending'], {
    $set: { status: 'verified', verifiedAt: new Date(), verifiedBy: actor.userId },
    $unset: { rejectionReason: 1 },
  });
  await recordAudit(actor, 'organisation.verify', { type: 'organisation', id });
  // Needs published before a withdrawn verification become matchable again: rank them.
  for (const need of await findMatchableNeeds({ organisationId: id })) {
    await enqueueRank(String(need._id), 'organisation verified');
  }
  return toOrganisationView(org);
}

/**
 * Rejects a pending organisation, or withdraws the verification of one found wrong later. The
 * employer sees the reason and may correct the details, which resubmits it.
 */
export async function rejectOrganisation(actor: Actor, id: string, reason: string) {
  const org = await transition(id, ['pending', 'verified'], {
    $set: { status: 'rejected', rejectionReason: reason },
    $unset: { verifiedAt: 1, verifiedBy: 1 },
  });
  await recordAudit(actor, 'organisation.reject', { type: 'organisation', id });
  return toOrganisationView(org);
}
