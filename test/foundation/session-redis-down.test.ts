import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { type RedisProcess, startRedisServer } from '../support/local-stack';
import { createContract, servedDocument } from '../support/openapi-contract';

// The cookie session lives in Redis: while Redis is down, a request with a session cookie cannot know who
// is asking. It must say "try again shortly" (503 + Retry-After), never a 500.

let redis: RedisProcess;
let t: TestApp;

beforeAll(async () => {
  redis = await startRedisServer();
  t = await startTestApp({ REDIS_URL: redis.url, READY_TIMEOUT_MS: '500' });
});
afterAll(async () => {
  await t.close();
  await redis.stop();
});

/**
 * Resolves at the connection's next `name` event. Not `events.once`: that rejects on the 'error' events
 * the connection emits while Redis is away (ECONNREFUSED on each reconnect attempt).
 */
const next = (name: 'close' | 'ready') =>
  new Promise<void>((resolve) => t.ctx.redis.once(name, () => resolve()));

/** Stops the test's Redis and waits until the app's connection has noticed (no race with the socket). */
async function stopRedis(): Promise<void> {
  const closed = next('close');
  await redis.stop();
  await closed;
}

/** Starts Redis again on the same port and waits for the app's connection to be ready again. */
async function restartRedis(): Promise<void> {
  const ready = next('ready');
  redis = await startRedisServer(redis.port);
  await ready;
}

test('when Redis stops under signed-in cookie sessions, then the API, pages and queue dashboard answer 503 with Retry-After, and 200 once it is back', async () => {
  const email = uniqueEmail('coordinator');
  await createUser({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '协调员 测试' });
  const { agent } = await sessionAgent(t.app, email);
  const contract = createContract(await servedDocument(t.app));
  const before = await agent.get('/api/v1/auth/session');
  expect(before.status).toBe(200);
  expect(before.body.user).not.toBeNull();

  await stopRedis();
  try {
    const api = await agent.get('/api/v1/auth/session');
    // the body, the status and the Retry-After header as the OpenAPI document describes them
    expect(api.status).toBe(503);
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
    expect(api.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const { status, headers, body } = api;
    expect(contract.check({ method: 'GET', path: '/api/v1/auth/session', status, headers, body })).toEqual(
      [],
    );

    const page = await agent.get('/coordinator');
    expect(page.status).toBe(503);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('暂时无法使用');

    const dashboard = await agent.get('/admin/queues');
    expect(dashboard.status).toBe(503);
    expect(Number(dashboard.headers['retry-after'])).toBeGreaterThan(0);
    expect(dashboard.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  } finally {
    await restartRedis();
  }
  // The restarted Redis kept no data, so the session is gone: the caller is anonymous, not refused.
  const after = await agent.get('/api/v1/auth/session');
  expect(after.status).toBe(200);
  expect((await agent.get('/')).status).toBe(200);
});

test('when a page is refused for an outage in English, then it says so in English', async () => {
  const email = uniqueEmail('coordinator');
  await createUser({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '协调员 测试' });
  const { agent } = await sessionAgent(t.app, email);
  expect((await agent.get('/lang?to=en&next=/')).status).toBe(303);
  await stopRedis();
  try {
    const res = await agent.get('/coordinator');
    expect(res.status).toBe(503);
    expect(res.text).toContain('Temporarily unavailable');
  } finally {
    await restartRedis();
  }
});

test('when the OpenAPI document is read, then the session route documents 503 with a Retry-After header', async () => {
  type Response = { $ref?: string; headers?: Record<string, unknown> };
  const doc = (await request(t.app).get('/openapi.json')).body as {
    paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
    components: { responses?: Record<string, Response> };
  };
  const resolve = (r: Response | undefined): Response | undefined =>
    r?.$ref ? doc.components.responses?.[r.$ref.split('/').pop() ?? ''] : r;
  const unavailable = resolve(doc.paths['/api/v1/auth/session'].get.responses['503']);
  expect(unavailable?.headers?.['Retry-After']).toBeDefined();
});
