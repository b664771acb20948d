import { Types } from 'mongoose';
import { ApiToken } from '../accounts/api-token.model';
import { User } from '../accounts/user.model';
import { ANONYMOUS_NAME, anonymousEmail } from '../experts/expert-erasure.service';
import { Organisation } from '../organisations/organisation.model';

/**
 * Anonymises and disables an account: no password, a placeholder name and an address that cannot
 * receive mail; every API token is revoked. Sessions stop working at their next request, because
 * authentication reads `disabledAt`. Safe to run twice.
 */
export async function anonymiseAccount(userId: string): Promise<void> {
  const now = new Date();
  await User.updateOne(
    { _id: new Types.ObjectId(userId) },
    {
      $set: { email: anonymousEmail(userId), displayName: ANONYMOUS_NAME, disabledAt: now },
      $unset: { passwordHash: 1, emailVerifiedAt: 1, lastLoginAt: 1 },
    },
  );
  await ApiToken.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
}

/**
 * The organisation stays when its contact person deletes their data, but it must stop naming them:
 * when the organisation's contact is that person (same email), the contact is replaced by the
 * anonymous placeholder until the organisation names someone else.
 */
export async function forgetOrganisationContact(organisationId: string, email: string): Promise<void> {
  await Organisation.updateOne(
    { _id: new Types.ObjectId(organisationId), 'contact.email': email },
    {
      $set: { 'contact.name': ANONYMOUS_NAME, 'contact.email': anonymousEmail(organisationId) },
      $unset: { 'contact.phone': 1 },
    },
  );
}
