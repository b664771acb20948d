import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

// /metrics names queues, routes and job outcomes: with METRICS_TOKEN only its bearer may read it; in
// production without one it is not served; in development and tests without one it stays open.

const secret = () => randomBytes(32).toString('hex');

describe('when METRICS_TOKEN is set', () => {
  const token = secret();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  test('when the scraper sends the bearer token, then /metrics answers with Prometheus text', async () => {
    const res = await request(t.app).get('/metrics').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_request_duration_seconds');
  });

  test('when the token is missing, wrong or of another scheme, then it is a 401 in the JSON error shape', async () => {
    const attempts = [
      request(t.app).get('/metrics'),
      request(t.app).get('/metrics').set('Authorization', `Bearer ${secret()}`),
      request(t.app)
        .get('/metrics')
        .set('Authorization', `Bearer ${token.slice(0, -1)}`),
      request(t.app)
        .get('/metrics')
        .set('Authorization', `Basic ${Buffer.from(`x:${token}`).toString('base64')}`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(res.text).not.toContain('http_request_duration_seconds');
    }
  });
});

describe('in production', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: secret(), LINK_SECRET: secret() };

  test('when no METRICS_TOKEN is set, then /metrics is not served (404)', async () => {
    const t = await startTestApp(production);
    try {
      const res = await request(t.app).get('/metrics');
      // the site's own 404 for an unknown path (the pages' not-found page)
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('http_request_duration_seconds');
      expect((await request(t.app).get('/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  test('when METRICS_TOKEN is set, then its bearer reads /metrics and nobody else', async () => {
    const token = secret();
    const t = await startTestApp({ ...production, METRICS_TOKEN: token });
    try {
      expect((await request(t.app).get('/metrics')).status).toBe(401);
      expect((await request(t.app).get('/metrics').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

test('when tests or development run without METRICS_TOKEN, then /metrics stays open', async () => {
  const t = await startTestApp();
  try {
    expect((await request(t.app).get('/metrics')).status).toBe(200);
  } finally {
    await t.close();
  }
});
