import { Types } from 'mongoose';
import { ChangeTokenCache, type ChangeTokens } from '../../lib/change-tokens';
import { User, type UserRecord } from './user.model';

/** What decides who the caller is: role and links, and whether the account may still sign in. */
export type ActiveFields = Pick<
  UserRecord,
  '_id' | 'role' | 'organisationId' | 'expertId' | 'unitCode' | 'disabledAt' | 'passwordChangedAt'
>;
const ACTIVE_FIELDS = {
  role: 1,
  organisationId: 1,
  expertId: 1,
  unitCode: 1,
  disabledAt: 1,
  passwordChangedAt: 1,
} as const;

/** Accounts a process keeps at most (a few hundred bytes each). */
export const ACTIVE_ACCOUNTS_MAX = 20_000;

/** Straight from the driver: mongoose's query building and casting cost more than the read. */
function readActiveFields(userId: string): Promise<ActiveFields | null> {
  if (!Types.ObjectId.isValid(userId)) return Promise.resolve(null);
  return User.collection.findOne<ActiveFields>(
    { _id: new Types.ObjectId(userId) },
    { projection: ACTIVE_FIELDS },
  );
}

export type ActiveAccounts = ChangeTokenCache<ActiveFields | null>;

/**
 * The signed-in accounts' active fields (null: no such account) as this process last read them, kept under
 * the accounts' change token: every write through the User model draws a new one once committed, so a
 * disabled account, a new role or a password change counts from the next request on, in every process
 * (at most CHANGE_TOKEN_MAX_AGE_MS later should Redis fail to take a new token).
 */
export const activeAccounts = (changes: Pick<ChangeTokens, 'read'>): ActiveAccounts =>
  new ChangeTokenCache(changes, 'accounts', readActiveFields, { max: ACTIVE_ACCOUNTS_MAX });
