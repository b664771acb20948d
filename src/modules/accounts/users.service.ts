import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import type { Actor, Role } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { withOutbox } from '../email/outbox-transaction';
import { staffWelcomeEmail } from './account-emails.service';
import { toCurrentUser } from './auth.service';
import { hashPassword } from './password';
import { STAFF_ROLES, type StaffAccount } from './staff.schemas';
import { User, type UserRecord } from './user.model';

export interface NewUser {
  email: string;
  password?: string;
  role: Role;
  displayName: string;
  preferredLanguage?: 'zh-CN' | 'en';
  organisationId?: string;
  expertId?: string;
  unitCode?: string;
  createdBy?: string;
}

/** Creates an account; a taken email is a 409 with nothing written. */
export async function createUser(input: NewUser, session?: ClientSession): Promise<UserRecord> {
  if (await User.exists({ email: input.email }).session(session ?? null)) {
    throw new ConflictError('An account with this email already exists.', 'EMAIL_TAKEN', [
      { path: 'email', message: 'already registered' },
    ]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const [user] = await User.create(
    [
      {
        email: input.email,
        passwordHash,
        role: input.role,
        displayName: input.displayName,
        preferredLanguage: input.preferredLanguage ?? 'zh-CN',
        organisationId: input.organisationId,
        expertId: input.expertId,
        unitCode: input.unitCode,
        createdBy: input.createdBy,
      },
    ],
    { session },
  );
  return user.toObject() as UserRecord;
}

/**
 * An admin creates a coordinator, another admin, or the staff of a service unit. Without a password
 * the person gets a welcome email with a link to choose one; the account, its audit entry and the
 * email commit together.
 */
export async function createStaffUser(ctx: Context, actor: Actor, input: Omit<NewUser, 'createdBy'>) {
  const user = await withOutbox(ctx, async (tx) => {
    const created = await createUser({ ...input, createdBy: actor.userId }, tx.session);
    if (!input.password) await tx.email(await staffWelcomeEmail(ctx, created._id, tx.session));
    await recordAudit(
      actor,
      'user.create',
      { type: 'user', id: String(created._id) },
      { role: input.role, unitCode: input.unitCode },
      tx.session,
    );
    return created;
  });
  return toCurrentUser(user);
}

export function toStaffAccount(user: UserRecord): StaffAccount {
  return {
    ...toCurrentUser(user),
    disabledAt: user.disabledAt ?? null,
    passwordSet: Boolean(user.passwordHash),
    lastLoginAt: user.lastLoginAt ?? null,
    createdAt: (user as UserRecord & { createdAt: Date }).createdAt,
  };
}

export async function listStaffUsers(page: number, pageSize: number) {
  const query = { role: { $in: STAFF_ROLES } };
  const [items, total] = await Promise.all([
    User.find(query)
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<UserRecord[]>(),
    User.countDocuments(query),
  ]);
  return { items: items.map(toStaffAccount), page, pageSize, total };
}

/** Disabling the last active admin would leave nobody to manage staff: refused with 409. */
async function keepAnAdmin(userId: string, session: ClientSession): Promise<void> {
  const target = await User.findById(userId).select('role disabledAt').session(session).lean<UserRecord>();
  if (target?.role !== 'admin' || target.disabledAt) return;
  const others = await User.countDocuments({
    _id: { $ne: target._id },
    role: 'admin',
    disabledAt: { $exists: false },
  }).session(session);
  if (others === 0) {
    throw new ConflictError('This is the last active admin; make another admin first.', 'LAST_ADMIN');
  }
}

export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  const user = await withTransaction(async (session) => {
    if (disabled) await keepAnAdmin(userId, session);
    return User.findOneAndUpdate(
      { _id: userId, role: { $in: STAFF_ROLES } },
      disabled ? { $set: { disabledAt: new Date() } } : { $unset: { disabledAt: 1 } },
      { returnDocument: 'after', session },
    ).lean<UserRecord>();
  });
  if (!user) throw new NotFoundError('Staff account');
  await recordAudit(actor, disabled ? 'user.disable' : 'user.enable', { type: 'user', id: userId });
  return toCurrentUser(user);
}
