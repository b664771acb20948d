import { type ClientSession, Types } from 'mongoose';
import { ApiToken } from './api-token.model';
import { User, type UserRecord } from './user.model';

/**
 * Calls for other modules (experts, organisations, the match workflow, the audit pages): they take ids,
 * not an Actor; the calling module has already decided the caller may act.
 */

export type { UserRecord };

/** One account as stored; undefined when the id is unknown. */
export async function getUserRecord(id: unknown): Promise<UserRecord | undefined> {
  const user = await User.findById(id).lean<UserRecord>();
  return user ?? undefined;
}

/** Whether an account (other than `exceptUserId`, when given) already uses this email. */
export async function userEmailTaken(
  email: string,
  options: { exceptUserId?: unknown; session?: ClientSession } = {},
): Promise<boolean> {
  const filter: Record<string, unknown> = { email };
  if (options.exceptUserId !== undefined) filter._id = { $ne: options.exceptUserId };
  return (await User.exists(filter).session(options.session ?? null)) !== null;
}

/** Removes an account again (a profile created right after it failed). */
export async function deleteUser(id: unknown): Promise<void> {
  await User.deleteOne({ _id: id });
}

/**
 * Account fields that mirror a profile. A new email is not verified yet, so its verification is removed,
 * and reset links sent to the old address stop working (they would prove the old mailbox, not the new);
 * answers the account as updated (undefined when the id is unknown).
 */
export async function updateAccountProfile(
  userId: unknown,
  set: { email?: string; displayName?: string; preferredLanguage?: string },
): Promise<UserRecord | undefined> {
  const user = await User.findOneAndUpdate(
    { _id: userId },
    set.email !== undefined
      ? { $set: set, $unset: { emailVerifiedAt: 1 }, $inc: { resetGeneration: 1 } }
      : { $set: set },
    { returnDocument: 'after' },
  ).lean<UserRecord>();
  return user ?? undefined;
}

/** Accounts' display names by id (an unknown id is left out). */
export async function userDisplayNames(ids: readonly unknown[]): Promise<Map<string, string>> {
  const filter: Record<string, unknown> = { _id: { $in: ids } };
  const users = await User.find(filter)
    .select('displayName')
    .lean<Pick<UserRecord, '_id' | 'displayName'>[]>();
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}

/** An account's login email; undefined when the id is unknown. */
export async function userEmail(id: unknown): Promise<string | undefined> {
  const user = await User.findById(id).select('email').lean<Pick<UserRecord, '_id' | 'email'>>();
  return user?.email;
}

/**
 * Anonymises and disables an account: no password, the placeholder name and address, and every API token
 * revoked. Sessions stop working at their next request, because authentication reads `disabledAt`.
 * Safe to run twice.
 */
export async function anonymiseUser(
  userId: string,
  placeholder: { email: string; displayName: string },
): Promise<void> {
  const now = new Date();
  await User.updateOne(
    { _id: new Types.ObjectId(userId) },
    {
      $set: { email: placeholder.email, displayName: placeholder.displayName, disabledAt: now },
      $unset: { passwordHash: 1, emailVerifiedAt: 1, lastLoginAt: 1 },
    },
  );
  await ApiToken.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
}

/** An account that is not disabled; undefined when the id is unknown or the account is disabled. */
export async function getActiveUser(id: unknown, session?: ClientSession): Promise<UserRecord | undefined> {
  const user = await User.findOne({ _id: id, disabledAt: { $exists: false } })
    .session(session ?? null)
    .lean<UserRecord>();
  return user ?? undefined;
}

/** The coordinators whose accounts are not disabled, in id order. */
export async function activeCoordinators(): Promise<UserRecord[]> {
  return User.find({ role: 'coordinator', disabledAt: { $exists: false } })
    .sort({ _id: 1 })
    .lean<UserRecord[]>();
}

/** The employer accounts of an organisation that are not disabled, oldest first (for its notices). */
export async function employerAccounts(
  organisationId: unknown,
  session?: ClientSession,
): Promise<UserRecord[]> {
  const organisation = new Types.ObjectId(String(organisationId));
  return User.find({ role: 'employer', organisationId: organisation, disabledAt: { $exists: false } })
    .sort({ _id: 1 })
    .session(session ?? null)
    .lean<UserRecord[]>();
}

/** Staff accounts (active or not) by name and role, for filters that name who did something. */
export async function staffAccountNames(
  limit = 500,
): Promise<Array<{ id: string; name: string; role: string }>> {
  const staff = await User.find({ role: { $in: ['admin', 'coordinator', 'service_unit'] } })
    .select('displayName role')
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean<Pick<UserRecord, '_id' | 'displayName' | 'role'>[]>();
  return staff.map((u) => ({ id: String(u._id), name: u.displayName, role: u.role }));
}
