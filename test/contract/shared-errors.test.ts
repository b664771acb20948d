import express from 'express';
import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { createActionToken } from '../../src/modules/email/action-links';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { createContract, type OpenApiDoc, servedDocument, watchContract } from '../support/openapi-contract';

let t: TestApp;
let doc: OpenApiDoc;
beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT: '2kb' });
  doc = await servedDocument(t.app);
});
afterAll(() => t.close());
// startTestApp checks every response against the document; each test also says so at its end.
afterEach(() => expect(t.contract.take()).toEqual([]));

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method, path, op, statuses: Object.keys(op.responses) })),
  );

describe('the error answers every route shares', () => {
  test('when the document is read, then 400, 401 and 503 are on every operation, 403 wherever a role or a cookie can be refused, 413/415 wherever a body is taken', () => {
    const missing = operations().flatMap(({ method, path, op, statuses }) => {
      const wanted = ['400', '401', '503'];
      if (method !== 'get' || (op.security ?? []).length > 0) wanted.push('403');
      if (op.requestBody) wanted.push('413', '415');
      return wanted.filter((s) => !statuses.includes(s)).map((s) => `${method.toUpperCase()} ${path} ${s}`);
    });
    expect(missing).toEqual([]);
    expect(doc.components.responses?.TooManyRequests).toMatchObject({
      headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    });
    expect(doc.components.responses?.ServiceUnavailable).toMatchObject({
      headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    });
  });

  test('when a route sits behind a rate limiter, then it documents 429, and routes without one do not', () => {
    const limited = operations()
      .filter((o) => o.statuses.includes('429'))
      .map((o) => `${o.method.toUpperCase()} ${o.path}`)
      .sort();
    expect(limited).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/password-reset',
        'POST /api/v1/auth/password-reset/confirm',
        'POST /api/v1/experts/register',
        'POST /api/v1/organisations/register',
      ]),
    );
    expect(limited).not.toContain('GET /api/v1/taxonomy');
    expect(limited).not.toContain('POST /api/v1/needs');
  });

  test('when nobody is signed in, then /auth/session answers user null as documented', async () => {
    const res = await request(t.app).get('/api/v1/auth/session');
    expect(res.status).toBe(200);
    expect(res.body.user).toBeNull();
  });

  test('when a public operation gets a bearer token that is not valid, then it answers the documented 401', async () => {
    const bad = await request(t.app).get('/api/v1/taxonomy').set('Authorization', 'Bearer not-a-token');
    expect(bad.status).toBe(401);
    const malformed = await request(t.app).get('/api/v1/regions').set('Authorization', 'Basic abc');
    expect(malformed.status).toBe(401);
  });

  test('when a cookie session posts without its CSRF token, then a public operation answers the documented 403', async () => {
    const email = uniqueEmail('csrf');
    await createUser({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '协调员' });
    const { agent } = await sessionAgent(t.app, email);
    const res = await agent.post('/api/v1/auth/logout');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
  });

  test('when a body is too large or in a charset the server does not read, then 413 and 415 as documented', async () => {
    const big = await request(t.app)
      .post('/api/v1/auth/password-reset')
      .send({ email: `${'a'.repeat(4000)}@example.com` });
    expect(big.status).toBe(413);
    const latin1 = await request(t.app)
      .post('/api/v1/auth/password-reset')
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"email":"a@example.com"}');
    expect(latin1.status).toBe(415);
  });

  test('when an emailed link has expired, then 410 as documented', async () => {
    const token = createActionToken(
      { purpose: 'verify-email', subjectId: 'someone', expiresAt: new Date(Date.now() - 1000) },
      t.config.links.secret,
    );
    const res = await request(t.app).post('/api/v1/auth/verify-email').send({ token });
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('LINK_EXPIRED');
  });

  test('when one account fails to sign in too often, then 429 with Retry-After as documented', async () => {
    const email = uniqueEmail('limited');
    let last = await request(t.app).post('/api/v1/auth/login').send({ email, password: 'wrong' });
    for (let i = 0; i < 10 && last.status !== 429; i++) {
      last = await request(t.app).post('/api/v1/auth/login').send({ email, password: 'wrong' });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the contract watch itself', () => {
  test('when a response has a status, body or header the document does not describe, then it is reported', () => {
    const contract = createContract(doc);
    const ok = { method: 'GET', path: '/api/v1/auth/session', status: 200, headers: {} };
    expect(contract.check({ ...ok, body: { user: null, csrfToken: null } })).toEqual([]);
    expect(contract.check({ ...ok, body: { user: 'me' } })[0]).toMatch(/does not match the document/);
    expect(contract.check({ ...ok, status: 418, body: {} })[0]).toMatch(/status is not documented/);
    const limited = { method: 'POST', path: '/api/v1/auth/login', status: 429 };
    const refusal = { error: { code: 'TOO_MANY_REQUESTS', message: 'later' } };
    expect(contract.check({ ...limited, headers: {}, body: refusal })[0]).toMatch(/Retry-After is missing/);
    expect(contract.check({ ...limited, headers: { 'retry-after': '30' }, body: refusal })).toEqual([]);
    // /experts/me is its own operation, not /experts/{id}
    expect(contract.templateOf('/api/v1/experts/me')).toBe('/api/v1/experts/me');
    expect(contract.templateOf('/api/v1/experts/65f0c0ffee0000000000abcd')).toBe('/api/v1/experts/{id}');
    expect(contract.check({ ...ok, path: '/api/v1/no-such-thing', body: {} })).toEqual([]);
  });

  test('when an app mounted behind the watch answers out of contract, then the watch reports it once', async () => {
    const app = express();
    app.get('/api/v1/auth/session', (_req, res) => {
      res.status(418).json({ teapot: true });
    });
    app.post('/api/v1/auth/login', (_req, res) => {
      res.status(429).json({ error: { code: 'TOO_MANY_REQUESTS', message: 'later' } });
    });
    const watch = watchContract(app, doc);
    await request(app).get('/api/v1/auth/session');
    await request(app).get('/api/v1/auth/session');
    await request(app).post('/api/v1/auth/login').send({});
    const found = watch.take();
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/GET \/api\/v1\/auth\/session 418: the status is not documented/);
    expect(found[1]).toMatch(/Retry-After is missing/);
  });
});
