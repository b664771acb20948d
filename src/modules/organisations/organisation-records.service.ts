import { type ClientSession, Types } from 'mongoose';
import { containing } from '../../lib/search-text';
import { Organisation, type OrganisationRecord } from './organisation.model';

/**
 * Calls for other modules (needs, the coordinator's overview): they take ids, not an Actor; the calling
 * module has already decided the caller may see them.
 */

export type { OrganisationRecord };

/** One organisation as stored; undefined when the id is unknown. */
export async function getOrganisationRecord(
  id: unknown,
  session?: ClientSession,
): Promise<OrganisationRecord | undefined> {
  const org = await Organisation.findById(id)
    .session(session ?? null)
    .lean<OrganisationRecord>();
  return org ?? undefined;
}

export async function getOrganisationRecords(ids: readonly unknown[]): Promise<OrganisationRecord[]> {
  if (ids.length === 0) return [];
  const filter: Record<string, unknown> = { _id: { $in: ids } };
  return Organisation.find(filter).lean<OrganisationRecord[]>();
}

export async function organisationExists(id: unknown): Promise<boolean> {
  return (await Organisation.exists({ _id: id })) !== null;
}

/** The verified organisations' ids, in id order: their needs may be matched. */
export async function verifiedOrganisationIds(): Promise<Types.ObjectId[]> {
  const orgs = await Organisation.find({ status: 'verified' }).select('_id').sort({ _id: 1 }).lean();
  return orgs.map((o) => o._id);
}

/**
 * When the organisation's contact is this person (same email), the contact is replaced by the placeholder
 * (no phone) until the organisation names someone else: the organisation stays, but stops naming them.
 */
export async function replaceOrganisationContact(
  organisationId: string,
  email: string,
  placeholder: { name: string; email: string },
): Promise<void> {
  await Organisation.updateOne(
    { _id: new Types.ObjectId(organisationId), 'contact.email': email },
    {
      $set: { 'contact.name': placeholder.name, 'contact.email': placeholder.email },
      $unset: { 'contact.phone': 1 },
    },
  );
}

/** Organisations whose name holds the text (the need list's "employer" filter), at most `limit`. */
export async function organisationIdsNamed(text: string, limit = 200): Promise<Types.ObjectId[]> {
  const orgs = await Organisation.find({ name: containing(text) })
    .select('_id')
    .limit(limit)
    .lean();
  return orgs.map((o) => o._id);
}

/** How many organisations wait for a coordinator's verification. */
export async function countPendingOrganisations(): Promise<number> {
  return Organisation.countDocuments({ status: 'pending' });
}
