import { createUser } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, TEST_PASSWORD, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test('when a stored session is unreadable, then the request is answered as signed out instead of hanging', async () => {
  const email = uniqueEmail('coordinator');
  await createUser({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '协调员' });
  const { agent } = await sessionAgent(t.app, email);
  const keys = await t.redis.keys(`${t.config.queue.prefix}:sess:*`);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) await t.redis.set(key, '{not json', 'EX', 60);

  const res = await agent.get('/api/v1/auth/session').timeout(5_000);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ user: null });
});
