import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import { AppError } from '../../lib/errors';
import type { SignupAccepted } from '../../lib/schemas';
import { type EnqueueEmailInput, enqueueEmail } from '../email/email.service';
import { type OutboxTransactionOptions, withOutbox } from '../email/outbox-transaction';
import { emailVerificationEmail, langOf, pageLink } from './account-emails.service';
import { hashPassword } from './password';
import { User, type UserRecord } from './user.model';

/**
 * Public sign-up (experts, employers): one answer whether or not the address already has an account,
 * like the password reset, so the form cannot be used to find out who is registered. The owner of a
 * taken address is told by email instead; nothing is created then.
 */

export const SIGNUP_ACCEPTED: SignupAccepted = Object.freeze({ status: 'check-your-email' });

type Addressee = Pick<UserRecord, '_id' | 'email' | 'displayName' | 'preferredLanguage'>;

const envelope = (user: Addressee) => ({
  to: user.email,
  toName: user.displayName,
  language: langOf(user),
  related: { type: 'user', id: String(user._id) },
});

/** To the owner of a taken address: someone tried to sign up with it; sign in or choose a new password. */
export function signupAttemptEmail(ctx: Context, user: Addressee): EnqueueEmailInput {
  const lang = langOf(user);
  return {
    ...envelope(user),
    kind: 'signup-attempt',
    data: {
      name: user.displayName,
      attemptedAt: new Date(),
      signInUrl: pageLink(ctx, '/login', lang),
      resetUrl: pageLink(ctx, '/forgot-password', lang),
    },
  };
}

/** createUser's refusal, or the unique index on accounts' emails when two sign-ups race. */
function isEmailTaken(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'EMAIL_TAKEN';
  const e = err as { code?: unknown; keyPattern?: Record<string, unknown> } | undefined;
  return e?.code === 11000 && e.keyPattern?.email !== undefined;
}

export interface SignupOptions extends OutboxTransactionOptions {}

/**
 * Runs a sign-up. `create` writes the account (through `createUser`, which refuses a taken address
 * with EMAIL_TAKEN) and its record on the session; the verification email's outbox record is written
 * in the same transaction, so a failure anywhere leaves nothing behind. When the address is taken, the
 * transaction writes nothing and the account's owner gets a notice instead. Errors other than a taken
 * address (a taken credit code, a failure) are thrown: check them before the account, so what they
 * reveal does not depend on the address.
 */
export async function signUp(
  ctx: Context,
  input: { email: string; password: string },
  create: (session: ClientSession) => Promise<Addressee>,
  options: SignupOptions = {},
): Promise<SignupAccepted> {
  try {
    await withOutbox(
      ctx,
      async (tx) => {
        const user = await create(tx.session);
        await tx.email(emailVerificationEmail(ctx, user));
      },
      options,
    );
  } catch (err) {
    if (!isEmailTaken(err)) throw err;
    await notifyOwner(ctx, input);
  }
  return SIGNUP_ACCEPTED;
}

async function notifyOwner(ctx: Context, input: { email: string; password: string }): Promise<void> {
  // A new account hashes its password; so does this path, or the time taken would tell them apart.
  await hashPassword(input.password);
  const owner = await User.findOne({ email: input.email, disabledAt: { $exists: false } }).lean<UserRecord>();
  if (!owner) {
    ctx.logger.info('sign-up with the address of a disabled account');
    return;
  }
  await enqueueEmail(ctx, signupAttemptEmail(ctx, owner));
}
