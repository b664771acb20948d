import { Types } from 'mongoose';
import type { Context } from '../../context';
import { ConflictError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { sendEmailVerification } from '../accounts/account-emails.service';
import { toCurrentUser } from '../accounts/auth.service';
import { userEmailTaken } from '../accounts/user-records.service';
import { createUser } from '../accounts/users.service';
import { Organisation, type OrganisationRecord } from './organisation.model';
import type { RegisterEmployerBody } from './organisation.schemas';
import { creditCodeTaken, isDuplicateKey, toOrganisationView } from './organisation.service';

const emailTaken = () =>
  new ConflictError('An account with this email already exists.', 'EMAIL_TAKEN', [
    { path: 'email', message: 'already registered' },
  ]);

/** What registration may be given instead of its defaults; tests pass a `createUser` that fails. */
export interface RegistrationOptions {
  createUser?: typeof createUser;
}

/**
 * Employer sign-up: the organisation (pending until a coordinator verifies it) and its contact
 * person's employer account, in one transaction: a refused or failed sign-up leaves nothing behind.
 * The verification email follows the commit (the person can ask for it again).
 */
export async function registerEmployer(
  ctx: Context,
  input: RegisterEmployerBody,
  options: RegistrationOptions = {},
) {
  const create = options.createUser ?? createUser;
  const { user, org } = await withTransaction(async (session) => {
    if (await userEmailTaken(input.email, { session })) throw emailTaken();
    if (await Organisation.exists({ creditCode: input.organisation.creditCode }).session(session)) {
      throw creditCodeTaken();
    }
    const organisationId = new Types.ObjectId();
    const [created] = await Organisation.create(
      [
        {
          _id: organisationId,
          ...input.organisation,
          contact: { name: input.name, phone: input.phone, email: input.email },
          status: 'pending',
        },
      ],
      { session },
    ).catch((err) => {
      throw isDuplicateKey(err) ? creditCodeTaken() : err;
    });
    const account = await create(
      {
        email: input.email,
        password: input.password,
        role: 'employer',
        displayName: input.name,
        preferredLanguage: input.preferredLanguage,
        organisationId: String(organisationId),
      },
      session,
    ).catch((err) => {
      throw isDuplicateKey(err) ? emailTaken() : err;
    });
    return { user: account, org: created.toObject() as OrganisationRecord };
  });
  await sendEmailVerification(ctx, user);
  return { user: toCurrentUser(user), organisation: toOrganisationView(org) };
}
