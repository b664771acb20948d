import { anonymiseUser } from '../accounts/user-records.service';
import { ANONYMOUS_NAME, anonymousEmail } from '../experts/expert-erasure.service';
import { replaceOrganisationContact } from '../organisations/organisation-records.service';

/**
 * Anonymises and disables an account: no password, a placeholder name and an address that cannot
 * receive mail; every API token is revoked. Sessions stop working at their next request, because
 * authentication reads `disabledAt`. Safe to run twice.
 */
export async function anonymiseAccount(userId: string): Promise<void> {
  await anonymiseUser(userId, { email: anonymousEmail(userId), displayName: ANONYMOUS_NAME });
}

/**
 * The organisation stays when its contact person deletes their data, but it must stop naming them:
 * when the organisation's contact is that person (same email), the contact is replaced by the
 * anonymous placeholder until the organisation names someone else.
 */
export async function forgetOrganisationContact(organisationId: string, email: string): Promise<void> {
  await replaceOrganisationContact(organisationId, email, {
    name: ANONYMOUS_NAME,
    email: anonymousEmail(organisationId),
  });
}
