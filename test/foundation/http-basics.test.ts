import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const expectErrorShape = (body: unknown, code: string) => {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
};

describe('health and readiness', () => {
  test('when the service is up, then /health answers 200', async () => {
    const res = await request(t.app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  test('when MongoDB and Redis answer, then /ready answers 200 with both checks up', async () => {
    const res = await request(t.app).get('/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { mongo: 'up', redis: 'up' } });
  });

  test('when /metrics is read, then it serves Prometheus text with the HTTP histogram', async () => {
    await request(t.app).get('/health');
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('yinling_http_request_duration_seconds');
    expect(res.text).toContain('yinling_process_cpu_user_seconds_total');
  });
});

describe('bad input never gets a 500', () => {
  test('when the JSON body is malformed, then the answer is 400 MALFORMED_JSON', async () => {
    const res = await request(t.app)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"name": "张三",');
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'MALFORMED_JSON');
  });

  test('when the body is 2 MB, then the answer is 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
    const res = await request(t.app)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send(big);
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 'PAYLOAD_TOO_LARGE');
  });

  test('when the route does not exist, then the answer is 404 NOT_FOUND in the JSON error shape', async () => {
    const res = await request(t.app).get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 'NOT_FOUND');
    expect(res.body.error.requestId).toEqual(expect.any(String));
  });

  test('when a client sends its own X-Request-Id, then the answer carries the same id', async () => {
    const res = await request(t.app).get('/api/v1/no-such-page').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.error.requestId).toBe('abc-123');
  });
});
