import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { csrfOf, pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, signIn, TEST_PASSWORD } from '../support/auth';
import { registerExpert } from '../support/experts.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  request(t.app).post('/api/v1/auth/login').send({ email, password });

describe('POST /api/v1/me/password', () => {
  test('when the current password is missing, then 400 names the field; when it is wrong, then 403 and nothing changes', async () => {
    const expert = await registerExpert(t.app);
    const missing = await request(t.app)
      .post('/api/v1/me/password')
      .set(expert.auth.header)
      .send({ newPassword: 'a brand new password' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toContain('body.currentPassword');
    const wrong = await request(t.app)
      .post('/api/v1/me/password')
      .set(expert.auth.header)
      .send({ currentPassword: 'not my password', newPassword: 'a brand new password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    expect((await login(expert.email, TEST_PASSWORD)).status).toBe(200);
    expect(await OutboxEmail.countDocuments({ kind: 'password-changed', to: expert.email })).toBe(0);
  });

  test('when the current password is right, then the password changes, other sessions and every API token end, this session goes on and the email says so', async () => {
    const expert = await registerExpert(t.app);
    const other = await sessionAgent(t.app, expert.email);
    const bearer = await signIn(t.app, expert.email);
    const mine = await sessionAgent(t.app, expert.email);
    const res = await mine.agent
      .post('/api/v1/me/password')
      .set('X-CSRF-Token', mine.csrfToken)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' });
    expect(res.status).toBe(200);
    expect(res.body.csrfToken).toEqual(expect.any(String));
    expect((await mine.agent.get('/api/v1/auth/session')).body.user?.email).toBe(expert.email);
    expect((await other.agent.get('/api/v1/auth/session')).body.user).toBeNull();
    expect((await request(t.app).get('/api/v1/auth/tokens').set(bearer.header)).status).toBe(401);
    expect((await login(expert.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(expert.email, 'a brand new password')).status).toBe(200);
    const mail = await OutboxEmail.findOne({ kind: 'password-changed', to: expert.email }).lean();
    expect(mail).not.toBeNull();
  });

  test('when the current password is guessed again and again, then further guesses wait (429 with Retry-After)', async () => {
    const expert = await registerExpert(t.app);
    const guess = () =>
      request(t.app)
        .post('/api/v1/me/password')
        .set(expert.auth.header)
        .send({ currentPassword: 'a wrong guess', newPassword: 'a brand new password' });
    for (let i = 0; i < 3; i++) expect((await guess()).status).toBe(403);
    const limited = await guess();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the change-password page', () => {
  test('when the form is sent with a wrong and then the right current password, then it says which field and then changes it', async () => {
    const expert = await registerExpert(t.app);
    const { agent } = await pageAgent(t.app, expert.email);
    const page = await agent.get('/account/password');
    expect(page.status).toBe(200);
    const wrong = await agent
      .post('/account/password')
      .type('form')
      .send({
        currentPassword: 'not my password',
        newPassword: 'a brand new password',
        _csrf: csrfOf(page.text),
      });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('aria-invalid="true"');
    const right = await agent
      .post('/account/password')
      .type('form')
      .send({
        currentPassword: TEST_PASSWORD,
        newPassword: 'a brand new password',
        _csrf: csrfOf(wrong.text),
      });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/account/password?done=passwordChanged');
    expect((await agent.get('/account/password')).status).toBe(200);
    expect((await login(expert.email, 'a brand new password')).status).toBe(200);
  });
});
