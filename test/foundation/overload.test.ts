import { type ClientRequest, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';

// Load shedding with thresholds small enough to reach in a test: three requests in flight, or 30 ms of
// event-loop lag sampled every 100 ms. The lag monitor runs only where a test starts it.
let t: TestApp;
let server: Server;
let coordinator: SignedIn;

beforeAll(async () => {
  t = await startTestApp({
    OVERLOAD_MAX_IN_FLIGHT: '3',
    OVERLOAD_MAX_EVENT_LOOP_LAG_MS: '30',
    OVERLOAD_SAMPLE_INTERVAL_MS: '100',
  });
  server = createServer(t.app).listen(0, '127.0.0.1');
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(async () => {
  t.ctx.load.stop();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const port = () => (server.address() as AddressInfo).port;

/** A sign-in whose body never finishes arriving: it stays in flight until destroyed. */
function stalledRequest(): ClientRequest {
  const req = httpRequest({
    port: port(),
    host: '127.0.0.1',
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': '200' },
  });
  req.on('error', () => {});
  req.write('{"email":');
  return req;
}

const counter = async (name: 'overloadRefused' | 'requestsAbandoned', label: string) => {
  const { values } = await t.ctx.metrics[name].get();
  return values.filter((v) => Object.values(v.labels).includes(label)).reduce((n, v) => n + v.value, 0);
};

test('when requests in flight reach the limit, then a new one is refused with 503 and Retry-After at once, while /health and /ready answer', async () => {
  const stalled = [stalledRequest(), stalledRequest(), stalledRequest()];
  try {
    await until(() => t.ctx.load.status().inFlight === 3, 'three requests in flight');

    const started = Date.now();
    const refused = await request(server).get('/api/v1/regions');
    expect(Date.now() - started).toBeLessThan(500);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    expect(refused.headers['x-request-id']).toBe(refused.body.error.requestId);
    expect(refused.headers.connection).toBe('close'); // the client queues again behind new connections
    expect(refused.headers['x-content-type-options']).toBe('nosniff');

    // A page visitor gets the "try again" page, not JSON.
    const page = await request(server).get('/');
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toBe('2');

    expect((await request(server).get('/health')).status).toBe(200);
    expect((await request(server).get('/ready')).status).toBe(200);
    const metrics = await request(server).get('/metrics');
    expect(metrics.text).toMatch(/yinling_http_overload_refused_total\{reason="in_flight"\} 2/);
    expect(metrics.text).toMatch(/yinling_http_requests_in_flight 3/);
  } finally {
    for (const req of stalled) req.destroy();
  }
  await until(() => t.ctx.load.status().inFlight === 0, 'the stalled requests to end');
  expect((await request(server).get('/api/v1/regions')).status).toBe(200);
});

test('when the event loop lags past the limit, then new requests get 503 until it recovers, and /health and /ready answer throughout', async () => {
  let busy = true;
  // Keeps the loop blocked 60 ms at a time, letting I/O through in between.
  const load = (async () => {
    while (busy) {
      const until_ = Date.now() + 60;
      while (Date.now() < until_) {}
      await new Promise((r) => setImmediate(r));
    }
  })();
  try {
    t.ctx.load.start();
    await until(() => t.ctx.load.status().lagMs > 30, 'the lag to be measured');
    const refused = await request(server).get('/api/v1/regions');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect((await request(server).get('/health')).status).toBe(200);
    expect((await request(server).get('/ready')).status).toBe(200);
    expect(await counter('overloadRefused', 'lag')).toBeGreaterThanOrEqual(1);
  } finally {
    busy = false;
    await load;
  }
  await until(() => t.ctx.load.status().lagMs <= 30, 'the lag to fall');
  expect((await request(server).get('/api/v1/regions')).status).toBe(200);
  t.ctx.load.stop();
});

test('when a user already runs as many expensive requests as allowed, then another is 429 with Retry-After, and other users are served', async () => {
  const other = await staffUser(t.app, 'coordinator');
  expect(t.ctx.load.tryEnter(coordinator.userId)).toBe(true);
  expect(t.ctx.load.tryEnter(coordinator.userId)).toBe(true);
  try {
    const refused = await request(server).get('/api/v1/reports/summary').set(coordinator.header);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await request(server).get('/api/v1/reports/summary').set(other.header)).status).toBe(200);
    expect(await counter('overloadRefused', 'per_user')).toBe(1);
  } finally {
    t.ctx.load.leave(coordinator.userId);
    t.ctx.load.leave(coordinator.userId);
  }
  expect((await request(server).get('/api/v1/reports/summary').set(coordinator.header)).status).toBe(200);
});

test('when the client of an expensive request disconnects before it is served, then its work is abandoned and its place given back', async () => {
  const before = await counter('requestsAbandoned', 'before');
  const req = httpRequest({
    port: port(),
    host: '127.0.0.1',
    path: '/api/v1/reports/summary',
    headers: coordinator.header,
  });
  req.on('error', () => {});
  req.on('finish', () => req.destroy());
  req.end();
  await until(async () => (await counter('requestsAbandoned', 'before')) === before + 1, 'the abandonment');
  // No place was kept for the gone request: two more of the same user's may start.
  expect(t.ctx.load.tryEnter(coordinator.userId)).toBe(true);
  expect(t.ctx.load.tryEnter(coordinator.userId)).toBe(true);
  t.ctx.load.leave(coordinator.userId);
  t.ctx.load.leave(coordinator.userId);
});
