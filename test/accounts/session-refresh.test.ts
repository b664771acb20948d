import request from 'supertest';
import type { Actor } from '../../src/lib/actor';
import { changePassword } from '../../src/modules/accounts/password-change.service';
import { SESSION_REFRESH_MS } from '../../src/modules/accounts/session.middleware';
import { createUser, setUserDisabled } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, signIn, TEST_PASSWORD, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const stored = async (key: string) => JSON.parse((await t.redis.get(key)) ?? 'null');

/** A coordinator signed in with a cookie session, and the Redis key of that session. */
async function signedInCoordinator() {
  const email = uniqueEmail('coordinator');
  const user = await createUser({
    email,
    password: TEST_PASSWORD,
    role: 'coordinator',
    displayName: '协调员',
  });
  const session = await sessionAgent(t.app, email);
  const userId = String(user._id);
  let key = '';
  for (const k of await t.redis.keys(`${t.config.queue.prefix}:sess:*`)) {
    if ((await stored(k))?.userId === userId) key = k;
  }
  return { ...session, key, userId };
}

describe('cookie sessions', () => {
  test('when a session is used again within the refresh interval, then nothing is written; once it is older, then its expiry moves on in Redis and in the cookie', async () => {
    const { agent, key } = await signedInCoordinator();
    const before = await t.redis.get(key);
    await t.redis.expire(key, 1_000);

    const again = await agent.get('/api/v1/auth/session');
    expect(again.status).toBe(200);
    expect(again.body.user).not.toBeNull();
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(await t.redis.get(key)).toBe(before);
    expect(await t.redis.ttl(key)).toBeLessThanOrEqual(1_000);

    const old = Date.now() - SESSION_REFRESH_MS - 1_000;
    await t.redis.set(key, JSON.stringify({ ...(await stored(key)), refreshedAt: old }), 'EX', 1_000);
    const later = await agent.get('/api/v1/auth/session');
    expect(later.status).toBe(200);
    expect(later.body.user).not.toBeNull();
    expect(String(later.headers['set-cookie'])).toMatch(/yl\.sid=.*Expires=/);
    expect(await t.redis.ttl(key)).toBeGreaterThan(t.config.auth.sessionTtlSeconds - 60);
    expect((await stored(key)).refreshedAt).toBeGreaterThan(old);
  });

  test('when an anonymous caller makes requests, then no session is stored and no cookie is sent', async () => {
    const before = (await t.redis.keys(`${t.config.queue.prefix}:sess:*`)).length;
    const res = await request(t.app).get('/api/v1/auth/session');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: null });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await t.redis.keys(`${t.config.queue.prefix}:sess:*`)).length).toBe(before);
  });

  test('when the account is disabled, then its unchanged session is signed out on the next request', async () => {
    const { agent, userId } = await signedInCoordinator();
    expect((await agent.get('/api/v1/auth/session')).body.user).not.toBeNull();
    const admin = await createUser({ email: uniqueEmail('admin'), role: 'admin', displayName: '管理员' });
    const adminActor: Actor = { userId: String(admin._id), role: 'admin', via: 'session' };
    await setUserDisabled(adminActor, userId, true);

    expect((await agent.get('/api/v1/auth/session')).body).toMatchObject({ user: null });
  });

  test('when the password is changed elsewhere, then an older session ends on its next request', async () => {
    const { agent, userId } = await signedInCoordinator();
    const actor: Actor = { userId, role: 'coordinator', via: 'token' };
    await changePassword(t.ctx, actor, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another long passphrase',
    });

    expect((await agent.get('/api/v1/auth/session')).body).toMatchObject({ user: null });
  });
});

describe('API tokens', () => {
  test('when a token is used several times within a minute, then lastUsedAt is written once', async () => {
    const email = uniqueEmail('coordinator');
    await createUser({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '协调员' });
    const auth = await signIn(t.app, email);
    const lastUsed = async () => {
      const res = await request(t.app).get('/api/v1/auth/tokens').set(auth.header);
      expect(res.status).toBe(200);
      return res.body.items.map((token: { lastUsedAt: string | null }) => token.lastUsedAt);
    };
    const first = await lastUsed();
    expect(first[0]).not.toBeNull();
    expect(await lastUsed()).toEqual(first);
  });
});
