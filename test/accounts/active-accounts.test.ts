import request from 'supertest';
import { withTransaction } from '../../src/lib/transaction';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, staffUser, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
afterEach(() => jest.restoreAllMocks());

const api = () => request(t.app);

/** Counts authenticate's reads of one account (its active fields, straight from the driver). */
function countAccountReads(userId: string): () => number {
  const findOne = jest.spyOn(User.collection, 'findOne');
  return () =>
    findOne.mock.calls.filter(
      ([filter, options]) =>
        String((filter as { _id?: unknown })?._id) === userId &&
        (options as { projection?: Record<string, unknown> })?.projection?.disabledAt === 1,
    ).length;
}

const PASSWORD = 'correct horse battery';

/** A coordinator's account, not signed in yet; its email. */
async function newCoordinator(displayName: string): Promise<string> {
  const email = uniqueEmail('coordinator');
  await createUser({ email, password: PASSWORD, role: 'coordinator', displayName });
  return email;
}

describe('the signed-in account, kept per process against its change token', () => {
  test('when the same account makes requests, then it is read from MongoDB once, not on every request', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    expect((await api().get('/api/v1/auth/session').set(coordinator.header)).status).toBe(200);
    const reads = countAccountReads(coordinator.userId);
    for (let i = 0; i < 3; i++) {
      const res = await api().get('/api/v1/auth/session').set(coordinator.header);
      expect(res.body.user).toMatchObject({ id: coordinator.userId, role: 'coordinator' });
    }
    expect(reads()).toBe(0);
  });

  test('when another account signs in, then the token stands and the kept account is not read again', async () => {
    const email = await newCoordinator('登录测试');
    const coordinator = await staffUser(t.app, 'coordinator');
    expect((await api().get('/api/v1/auth/session').set(coordinator.header)).status).toBe(200);
    const before = await t.ctx.changes.read('accounts');
    // signing in writes the account's lastLoginAt, which no kept account holds
    const other = await sessionAgent(t.app, email, PASSWORD);
    const signedIn = await User.findById(other.userId).lean();
    expect(signedIn?.lastLoginAt).toBeInstanceOf(Date);
    expect(await t.ctx.changes.read('accounts')).toBe(before);
    const reads = countAccountReads(coordinator.userId);
    expect((await api().get('/api/v1/auth/session').set(coordinator.header)).status).toBe(200);
    expect(reads()).toBe(0);
  });

  test('when an account is changed beside its sign-in time, then the token moves', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    const before = await t.ctx.changes.read('accounts');
    await User.updateOne({ _id: coordinator.userId }, { $set: { lastLoginAt: new Date(), role: 'admin' } });
    expect(await t.ctx.changes.read('accounts')).not.toBe(before);
    const res = await api().get('/api/v1/auth/session').set(coordinator.header);
    expect(res.body.user).toMatchObject({ id: coordinator.userId, role: 'admin' });
  });

  test('when an admin disables an account in use, then its very next request is refused, by token and by cookie', async () => {
    const admin = await staffUser(t.app, 'admin');
    const email = await newCoordinator('停用测试');
    const cookie = await sessionAgent(t.app, email, PASSWORD);
    const token = await api()
      .post('/api/v1/auth/login')
      .send({ email, password: PASSWORD, token: { name: 'test' } });
    const bearer = { Authorization: `Bearer ${token.body.apiToken.token}` };
    // both in use: the account is kept
    expect((await api().get('/api/v1/auth/session').set(bearer)).status).toBe(200);
    expect((await cookie.agent.get('/api/v1/auth/session')).body.user).toMatchObject({ id: cookie.userId });

    const disabled = await api().post(`/api/v1/admin/users/${cookie.userId}/disable`).set(admin.header);
    expect(disabled.status).toBe(200);
    expect((await api().get('/api/v1/auth/session').set(bearer)).status).toBe(401);
    expect((await cookie.agent.get('/api/v1/auth/session')).body.user).toBeNull();
  });

  test('when the change token is lost (Redis emptied), then the account is read again and kept again', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    await api().get('/api/v1/auth/session').set(coordinator.header);
    const keys = await t.redis.keys(`${t.config.queue.prefix}:changes:*`);
    expect(keys.length).toBeGreaterThan(0);
    await t.redis.del(...keys);
    const reads = countAccountReads(coordinator.userId);
    for (let i = 0; i < 3; i++) {
      expect((await api().get('/api/v1/auth/session').set(coordinator.header)).status).toBe(200);
    }
    // without a token the first request reads and keeps nothing; the token drawn then keeps the second's
    expect(reads()).toBe(2);
  });

  test('when a write to the account fails inside a transaction, then the token has not moved and the kept account stands', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    await api().get('/api/v1/auth/session').set(coordinator.header);
    const before = await t.ctx.changes.read('accounts');
    await expect(
      withTransaction(async (session) => {
        await User.updateOne({ _id: coordinator.userId }, { $set: { disabledAt: new Date() } }, { session });
        throw new Error('the step fails after the write');
      }),
    ).rejects.toThrow('the step fails');
    expect(await t.ctx.changes.read('accounts')).toBe(before);
    expect((await api().get('/api/v1/auth/session').set(coordinator.header)).status).toBe(200);
  });
});
