import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { type RedisProcess, startRedisServer } from '../support/local-stack';

let redis: RedisProcess;
let t: TestApp;

beforeAll(async () => {
  redis = await startRedisServer();
  // Every probe checks (no answer from an earlier check: readiness-cache.test.ts covers that).
  t = await startTestApp({ REDIS_URL: redis.url, READY_TIMEOUT_MS: '500', READY_CACHE_MS: '0' });
});
afterAll(async () => {
  await t.close();
  await redis.stop();
});

test('when Redis stops, then /ready answers 503 naming redis as down while MongoDB stays up', async () => {
  expect((await request(t.app).get('/ready')).status).toBe(200);
  await redis.stop();
  const res = await request(t.app).get('/ready');
  expect(res.status).toBe(503);
  expect(res.body).toEqual({ status: 'unavailable', checks: { mongo: 'up', redis: 'down' } });
  expect((await request(t.app).get('/health')).status).toBe(200);
});
