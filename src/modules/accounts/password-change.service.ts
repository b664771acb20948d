import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { AppError, NotFoundError } from '../../lib/errors';
import { withOutbox } from '../email/outbox-transaction';
import { passwordChangedEmail } from './account-emails.service';
import { revokeAllTokens } from './api-token.service';
import { hashPassword, verifyPassword } from './password';
import { User, type UserRecord } from './user.model';

/** The current password given to confirm a change is not right (403, the field named). */
export class WrongPasswordError extends AppError {
  constructor() {
    super('WRONG_PASSWORD', 403, 'The current password is not right.', {
      details: [{ path: 'body.currentPassword', message: 'not right' }],
    });
  }
}

/** Asks for the account's current password before a change that takes it over; 403 when it is wrong. */
export async function confirmCurrentPassword(userId: string, currentPassword: string): Promise<UserRecord> {
  const user = await User.findOne({ _id: userId, disabledAt: { $exists: false } }).lean<UserRecord>();
  if (!user) throw new NotFoundError('Account');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new WrongPasswordError();
  return user;
}

/**
 * A signed-in user sets a new password, proving the current one. Like a reset, it ends every session
 * and API token issued before it (the caller starts a fresh session for itself), retires any reset link
 * sent, and emails the account's address — all in one step.
 */
export async function changePassword(
  ctx: Context,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const current = await confirmCurrentPassword(actor.userId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await withOutbox(ctx, async (tx) => {
    const now = new Date();
    // only over the hash just checked: a change or reset that came in between wins
    const user = await User.findOneAndUpdate(
      { _id: current._id, passwordHash: current.passwordHash, disabledAt: { $exists: false } },
      { $set: { passwordHash, passwordChangedAt: now }, $inc: { resetGeneration: 1 } },
      { returnDocument: 'after', session: tx.session },
    ).lean<UserRecord>();
    if (!user) throw new WrongPasswordError();
    await revokeAllTokens(actor.userId, now, tx.session);
    await tx.email(passwordChangedEmail(ctx, user, now, false));
  });
}
