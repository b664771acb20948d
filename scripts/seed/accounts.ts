import type { Actor } from '../../src/lib/actor';
import { hashPassword } from '../../src/modules/accounts/password';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';

/** The demo's known logins. Demo only: never seed a database that real people use. */
export const DEMO_PASSWORD = 'yinling-demo-2026';

export const DEMO_LOGINS = {
  admin: { email: 'demo-admin@example.com', name: '系统管理员（演示）' },
  coordinator: { email: 'demo-coordinator@example.com', name: '黔江区人才办 冉老师' },
  expert: { email: 'demo-expert@example.com', name: '向德明' },
  employer: { email: 'demo-employer@example.com', name: '黔江区中心医院 人事科 李老师' },
} as const;

/** The admin's email marks a database that already holds the demo data. */
export const DEMO_MARKER_EMAIL = DEMO_LOGINS.admin.email;

export const hasDemoData = async () => Boolean(await User.exists({ email: DEMO_MARKER_EMAIL }));

export const actorOf = (user: { _id: unknown; role: Actor['role'] }, extra: Partial<Actor> = {}): Actor => ({
  userId: String(user._id),
  role: user.role,
  via: 'session',
  ...extra,
});

/** Admin and coordinator, created through the accounts service with the demo password. */
export async function createStaff() {
  const admin = await createUser({
    email: DEMO_LOGINS.admin.email,
    password: DEMO_PASSWORD,
    role: 'admin',
    displayName: DEMO_LOGINS.admin.name,
  });
  const coordinator = await createUser({
    email: DEMO_LOGINS.coordinator.email,
    password: DEMO_PASSWORD,
    role: 'coordinator',
    displayName: DEMO_LOGINS.coordinator.name,
    createdBy: String(admin._id),
  });
  await User.updateMany(
    { _id: { $in: [admin._id, coordinator._id] } },
    { $set: { emailVerifiedAt: new Date() } },
  );
  return { admin: actorOf(admin), coordinator: actorOf(coordinator) };
}

/** Gives an account created without a password (assisted sign-up) the demo password. */
export async function setDemoPassword(email: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await User.updateOne({ email }, { $set: { passwordHash, emailVerifiedAt: new Date() } });
}
