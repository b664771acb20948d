import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, signIn, staffUser, TEST_PASSWORD, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

async function newStaff(role: 'coordinator' | 'admin' = 'coordinator') {
  const email = uniqueEmail(role);
  await createUser({ email, password: TEST_PASSWORD, role, displayName: '测试' });
  return email;
}

describe('sign-in', () => {
  test('when the password is right, then a session cookie is set and /auth/session names the user', async () => {
    const email = await newStaff();
    const { agent, csrfToken } = await sessionAgent(t.app, email);
    expect(csrfToken).toEqual(expect.any(String));
    const res = await agent.get('/api/v1/auth/session');
    expect(res.body.user).toMatchObject({ email, role: 'coordinator' });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.body.csrfToken).toBe(csrfToken);
  });

  test('when the password is wrong or the email unknown, then both get the same 401', async () => {
    const email = await newStaff();
    const wrong = await request(t.app).post('/api/v1/auth/login').send({ email, password: 'nope-nope-nope' });
    const unknown = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail(), password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  test('when a login repeats its session cookie, then the session id changes (no fixation)', async () => {
    const email = await newStaff();
    const agent = request.agent(t.app);
    const first = await agent.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    const second = await agent.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    const sid = (res: request.Response) => String(res.headers['set-cookie']).split(';')[0];
    expect(sid(first)).not.toBe(sid(second));
  });

  test('when an account fails too often, then the next attempt is 429 with Retry-After, even with the right password', async () => {
    const email = await newStaff();
    for (let i = 0; i < 3; i++) {
      const res = await request(t.app).post('/api/v1/auth/login').send({ email, password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await request(t.app).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.error.code).toBe('TOO_MANY_REQUESTS');
  });

  test('when the email is an operator object, then the answer is 400 and nobody is signed in', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: { $gt: '' }, password: { $gt: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });
});

describe('password-reset limits', () => {
  test('when anonymous requests fail with bad reset links, then they do not block anyone else’s valid link; one link is limited on its own', async () => {
    for (let k = 0; k < 5; k++) {
      const res = await request(t.app)
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: `not-a-real-link-${k}`, password: 'a brand new password' });
      expect(res.status).not.toBe(429);
    }
    const bad = () =>
      request(t.app)
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: 'the-same-bad-link', password: 'a brand new password' });
    for (let k = 0; k < 3; k++) expect((await bad()).status).not.toBe(429);
    expect((await bad()).status).toBe(429);

    const email = await newStaff();
    expect((await request(t.app).post('/api/v1/auth/password-reset').send({ email })).status).toBe(202);
    const mail = await OutboxEmail.findOne({ kind: 'password-reset', to: email }).sort({ _id: -1 }).lean();
    if (!mail) throw new Error('no reset email');
    const token = new URL((mail.data as Record<string, string>).resetUrl).searchParams.get('token');
    const confirm = await request(t.app)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'a brand new password' });
    expect(confirm.status).toBe(204);
  });
});

describe('sessions and CSRF', () => {
  test('when a cookie-authenticated POST lacks the CSRF token, then it is refused with 403 and nothing is created', async () => {
    const { agent } = await sessionAgent(t.app, await newStaff());
    const res = await agent.post('/api/v1/auth/tokens').send({ name: 'laptop' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
    const list = await agent.get('/api/v1/auth/tokens');
    expect(list.body.items).toHaveLength(0);
  });

  test('when the CSRF token is sent, then the same POST succeeds', async () => {
    const { agent, csrfToken } = await sessionAgent(t.app, await newStaff());
    const res = await agent
      .post('/api/v1/auth/tokens')
      .set('X-CSRF-Token', csrfToken)
      .send({ name: 'laptop' });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^yl_/);
  });

  test('when the user logs out, then the session no longer authenticates', async () => {
    const { agent, csrfToken } = await sessionAgent(t.app, await newStaff());
    expect((await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', csrfToken)).status).toBe(204);
    expect((await agent.get('/api/v1/auth/tokens')).status).toBe(401);
  });
});

describe('API tokens', () => {
  test('when a token is revoked, then it gets 401 and it is listed as revoked', async () => {
    const email = await newStaff();
    const a = await signIn(t.app, email);
    const b = await signIn(t.app, email);
    const list = await request(t.app).get('/api/v1/auth/tokens').set(a.header);
    expect(list.body.items).toHaveLength(2);
    const bId = list.body.items.find((i: { prefix: string }) => b.token.startsWith(i.prefix)).id;
    expect((await request(t.app).delete(`/api/v1/auth/tokens/${bId}`).set(a.header)).status).toBe(204);
    const refused = await request(t.app).get('/api/v1/auth/tokens').set(b.header);
    expect(refused.status).toBe(401);
    const after = await request(t.app).get('/api/v1/auth/tokens').set(a.header);
    expect(after.body.items.find((i: { id: string }) => i.id === bId).revokedAt).not.toBeNull();
  });

  test('when a made-up token is sent, then the answer is 401', async () => {
    const res = await request(t.app).get('/api/v1/auth/tokens').set('Authorization', 'Bearer yl_madeup');
    expect(res.status).toBe(401);
  });

  test('when another user revokes my token id, then it is 404 and my token still works', async () => {
    const mine = await signIn(t.app, await newStaff());
    const other = await signIn(t.app, await newStaff());
    const list = await request(t.app).get('/api/v1/auth/tokens').set(mine.header);
    const res = await request(t.app).delete(`/api/v1/auth/tokens/${list.body.items[0].id}`).set(other.header);
    expect(res.status).toBe(404);
    expect((await request(t.app).get('/api/v1/auth/tokens').set(mine.header)).status).toBe(200);
  });
});

describe('administration', () => {
  test('when an admin creates a coordinator, then the coordinator can sign in and the audit log records it', async () => {
    const admin = await staffUser(t.app, 'admin');
    const email = uniqueEmail('coord');
    const res = await request(t.app)
      .post('/api/v1/admin/users')
      .set(admin.header)
      .send({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '王协调' });
    expect(res.status).toBe(201);
    await signIn(t.app, email);
    const audit = await request(t.app)
      .get('/api/v1/audit')
      .query({ actorId: admin.userId })
      .set(admin.header);
    expect(audit.body.items[0]).toMatchObject({ action: 'user.create', targetId: res.body.id });
  });

  test('when a coordinator tries to create an admin or read the audit log, then it is 403', async () => {
    const coord = await staffUser(t.app, 'coordinator');
    const res = await request(t.app)
      .post('/api/v1/admin/users')
      .set(coord.header)
      .send({ email: uniqueEmail(), password: TEST_PASSWORD, role: 'admin', displayName: 'x' });
    expect(res.status).toBe(403);
    expect((await request(t.app).get('/api/v1/audit').set(coord.header)).status).toBe(403);
  });

  test('when the email is taken or an unknown key is sent, then 409 and 400', async () => {
    const admin = await staffUser(t.app, 'admin');
    const body = { email: admin.email, password: TEST_PASSWORD, role: 'coordinator', displayName: 'x' };
    expect((await request(t.app).post('/api/v1/admin/users').set(admin.header).send(body)).status).toBe(409);
    const extra = await request(t.app)
      .post('/api/v1/admin/users')
      .set(admin.header)
      .send({ ...body, email: uniqueEmail(), isRoot: true });
    expect(extra.status).toBe(400);
  });

  test('when a staff account is disabled, then its token stops working', async () => {
    const admin = await staffUser(t.app, 'admin');
    const coord = await staffUser(t.app, 'coordinator');
    expect(
      (await request(t.app).post(`/api/v1/admin/users/${coord.userId}/disable`).set(admin.header)).status,
    ).toBe(200);
    expect((await request(t.app).get('/api/v1/auth/tokens').set(coord.header)).status).toBe(401);
  });
});
