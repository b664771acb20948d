import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { formAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, staffUser, TEST_PASSWORD } from '../support/auth';
import { buildExpert, createExpertAs, registerExpert, tokenFor } from '../support/experts.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The token of the link in the latest outbox message of this kind to this address. */
async function tokenSent(kind: 'verify-email' | 'password-reset', to: string): Promise<string> {
  const mail = await OutboxEmail.findOne({ kind, to }).sort({ _id: -1 }).lean();
  if (!mail) throw new Error(`no ${kind} email to ${to}`);
  const data = mail.data as Record<string, string>;
  const url = new URL(data.verifyUrl ?? data.resetUrl);
  const path =
    url.pathname === '/lang' ? new URL(url.searchParams.get('next') ?? '', url).search : url.search;
  return new URLSearchParams(path).get('token') ?? '';
}

describe('address verification', () => {
  test('when an expert signs up, then a verification link is sent; using it verifies the address once', async () => {
    const body = buildExpert();
    expect((await request(t.app).post('/api/v1/experts/register').send(body)).status).toBe(202);
    const token = await tokenSent('verify-email', body.email);
    expect((await User.findOne({ email: body.email }).lean())?.emailVerifiedAt).toBeUndefined();
    expect((await request(t.app).post('/api/v1/auth/verify-email').send({ token })).status).toBe(204);
    expect((await User.findOne({ email: body.email }).lean())?.emailVerifiedAt).toBeInstanceOf(Date);
    const again = await request(t.app).post('/api/v1/auth/verify-email').send({ token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINK_USED');
  });

  test('when the link is opened in the browser, then a page asks to confirm and confirming verifies', async () => {
    const body = buildExpert({ preferredLanguage: 'en' });
    await request(t.app).post('/api/v1/experts/register').send(body);
    const token = await tokenSent('verify-email', body.email);
    const { agent, csrfToken } = await formAgent(t.app, `/verify-email?token=${token}`);
    const res = await agent.post('/verify-email').type('form').send({ token, _csrf: csrfToken });
    expect(res.status).toBe(303);
    expect((await User.findOne({ email: body.email }).lean())?.emailVerifiedAt).toBeInstanceOf(Date);
  });
});

describe('password reset', () => {
  test('when an unknown address asks, then the answer is the same and nothing is sent', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/password-reset')
      .send({ email: 'nobody.here@example.com' });
    expect(res.status).toBe(202);
    expect(await OutboxEmail.countDocuments({ to: 'nobody.here@example.com' })).toBe(0);
  });

  test('when the link sets a new password, then the old one fails, older sessions end and the link is single-use', async () => {
    const body = buildExpert();
    await request(t.app).post('/api/v1/experts/register').send(body);
    const { agent } = await sessionAgent(t.app, body.email);
    expect((await agent.get('/api/v1/auth/session')).body.user).not.toBeNull();
    expect(
      (await request(t.app).post('/api/v1/auth/password-reset').send({ email: body.email })).status,
    ).toBe(202);
    const token = await tokenSent('password-reset', body.email);
    const confirm = await request(t.app)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'a brand new password' });
    expect(confirm.status).toBe(204);
    expect((await agent.get('/api/v1/auth/session')).body.user).toBeNull();
    const old = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: TEST_PASSWORD });
    expect(old.status).toBe(401);
    const fresh = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: 'a brand new password' });
    expect(fresh.status).toBe(200);
    const replay = await request(t.app)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'yet another password' });
    expect(replay.status).toBe(409);
  });

  test('when a password is reset, then API tokens issued before it stop working and are listed as revoked', async () => {
    const expert = await registerExpert(t.app);
    expect((await request(t.app).get('/api/v1/auth/tokens').set(expert.auth.header)).status).toBe(200);
    await request(t.app).post('/api/v1/auth/password-reset').send({ email: expert.email });
    const token = await tokenSent('password-reset', expert.email);
    const confirm = await request(t.app)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'a brand new password' });
    expect(confirm.status).toBe(204);
    expect((await request(t.app).get('/api/v1/auth/tokens').set(expert.auth.header)).status).toBe(401);
    const fresh = await tokenFor(expert.userId, expert.email);
    const tokens = await request(t.app).get('/api/v1/auth/tokens').set(fresh.header);
    expect(tokens.status).toBe(200);
    const revoked = tokens.body.items.filter((x: { revokedAt: string | null }) => x.revokedAt !== null);
    expect(revoked.length).toBeGreaterThanOrEqual(1);
  });

  test('when an expert registered in person sets a first password by the link, then they can sign in', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    await createExpertAs(t.app, coordinator, { email: 'in.person.expert@example.com' });
    expect(
      (
        await request(t.app)
          .post('/api/v1/auth/login')
          .send({ email: 'in.person.expert@example.com', password: 'x' })
      ).status,
    ).toBe(401);
    await request(t.app).post('/api/v1/auth/password-reset').send({ email: 'in.person.expert@example.com' });
    const token = await tokenSent('password-reset', 'in.person.expert@example.com');
    const { agent, csrfToken } = await formAgent(t.app, `/reset-password?token=${token}`);
    const short = await agent
      .post('/reset-password')
      .type('form')
      .send({ token, password: 'short', _csrf: csrfToken });
    expect(short.status).toBe(400);
    const set = await agent
      .post('/reset-password')
      .type('form')
      .send({ token, password: 'my first password', _csrf: csrfToken });
    expect(set.status).toBe(303);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'in.person.expert@example.com', password: 'my first password' });
    expect(login.status).toBe(200);
    expect(login.body.user.emailVerified).toBe(true);
  });
});
