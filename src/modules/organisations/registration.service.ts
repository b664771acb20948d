import { Types } from 'mongoose';
import type { Context } from '../../context';
import type { SignupAccepted } from '../../lib/schemas';
import { type SignupOptions, signUp } from '../accounts/signup.service';
import { createUser } from '../accounts/users.service';
import { Organisation } from './organisation.model';
import type { RegisterEmployerBody } from './organisation.schemas';
import { creditCodeTaken, isDuplicateKey } from './organisation.service';

/** What registration may be given instead of its defaults; tests pass a `createUser` that fails. */
export interface RegistrationOptions extends SignupOptions {
  createUser?: typeof createUser;
}

/**
 * Employer sign-up: the organisation (pending until a coordinator verifies it), its contact person's
 * employer account and the link to verify the address, in one transaction: a refused or failed
 * sign-up leaves nothing behind. When the address already has an account, nothing is created and its
 * owner is emailed instead; the answer is the same (see signup.service.ts).
 *
 * A taken credit code (409) is checked before the account, so that answer does not depend on whether
 * the address is registered.
 */
export async function registerEmployer(
  ctx: Context,
  input: RegisterEmployerBody,
  options: RegistrationOptions = {},
): Promise<SignupAccepted> {
  const create = options.createUser ?? createUser;
  return signUp(
    ctx,
    input,
    async (session) => {
      if (await Organisation.exists({ creditCode: input.organisation.creditCode }).session(session)) {
        throw creditCodeTaken();
      }
      const organisationId = new Types.ObjectId();
      await Organisation.create(
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
      return create(
        {
          email: input.email,
          password: input.password,
          role: 'employer',
          displayName: input.name,
          preferredLanguage: input.preferredLanguage,
          organisationId: String(organisationId),
        },
        session,
      );
    },
    options,
  );
}
