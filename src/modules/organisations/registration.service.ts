import { Types } from 'mongoose';
import { ConflictError } from '../../lib/errors';
import { sendEmailVerification } from '../accounts/account-emails.service';
import { toCurrentUser } from '../accounts/auth.service';
import { User } from '../accounts/user.model';
import { createUser } from '../accounts/users.service';
import { Organisation, type OrganisationRecord } from './organisation.model';
import type { RegisterEmployerBody } from './organisation.schemas';
import { creditCodeTaken, isDuplicateKey, toOrganisationView } from './organisation.service';

const emailTaken = () =>
  new ConflictError('An account with this email already exists.', 'EMAIL_TAKEN', [
    { path: 'email', message: 'already registered' },
  ]);

/**
 * Employer sign-up: the organisation (pending until a coordinator verifies it) and its contact
 * person's employer account. There are no isolated transactions, so the checks come first and the
 * organisation is deleted again if the account cannot be created (e.g. the same email raced in):
 * a refused sign-up leaves nothing behind.
 */
export async function registerEmployer(input: RegisterEmployerBody) {
  if (await User.exists({ email: input.email })) throw emailTaken();
  if (await Organisation.exists({ creditCode: input.organisation.creditCode })) throw creditCodeTaken();

  const organisationId = new Types.ObjectId();
  let org: OrganisationRecord;
  try {
    const created = await Organisation.create({
      _id: organisationId,
      ...input.organisation,
      contact: { name: input.name, phone: input.phone, email: input.email },
      status: 'pending',
    });
    org = created.toObject() as OrganisationRecord;
  } catch (err) {
    if (isDuplicateKey(err)) throw creditCodeTaken();
    throw err;
  }

  let user: Awaited<ReturnType<typeof createUser>>;
  try {
    user = await createUser({
      email: input.email,
      password: input.password,
      role: 'employer',
      displayName: input.name,
      preferredLanguage: input.preferredLanguage,
      organisationId: String(organisationId),
    });
  } catch (err) {
    await Organisation.deleteOne({ _id: organisationId });
    if (isDuplicateKey(err)) throw emailTaken();
    throw err;
  }
  await sendEmailVerification(user);
  return { user: toCurrentUser(user), organisation: toOrganisationView(org) };
}
