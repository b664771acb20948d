import type { Actor } from '../../lib/actor';
import { NotFoundError, UnauthorizedError } from '../../lib/errors';
import { verifyPassword } from './password';
import { User, type UserRecord } from './user.model';

export function toCurrentUser(
  user: Pick<
    UserRecord,
    | '_id'
    | 'email'
    | 'role'
    | 'displayName'
    | 'preferredLanguage'
    | 'organisationId'
    | 'expertId'
    | 'emailVerifiedAt'
  > &
    Partial<Pick<UserRecord, 'unitCode'>>,
) {
  return {
    id: String(user._id),
    email: user.email,
    role: user.role,
    displayName: user.displayName,
    preferredLanguage: (user.preferredLanguage ?? 'zh-CN') as 'zh-CN' | 'en',
    organisationId: user.organisationId ? String(user.organisationId) : null,
    expertId: user.expertId ? String(user.expertId) : null,
    emailVerified: Boolean(user.emailVerifiedAt),
    ...(user.unitCode ? { unitCode: user.unitCode } : {}),
  };
}

/** Checks the credentials; the same answer for an unknown email and a wrong password. */
export async function checkCredentials(email: string, password: string): Promise<UserRecord> {
  const user = await User.findOne({ email }).lean<UserRecord>();
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || user.disabledAt) throw new UnauthorizedError('The email or password is not right.');
  await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
  return user;
}

export async function currentUser(actor: Actor) {
  const user = await User.findById(actor.userId).lean<UserRecord>();
  if (!user) throw new NotFoundError('Account');
  return toCurrentUser(user);
}
