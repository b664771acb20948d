import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, TEST_PASSWORD } from '../support/auth';
import { registerExpert } from '../support/experts.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

/** The tokens of the links sent to this address, oldest first. */
async function tokensSent(kind: 'verify-email' | 'password-reset', to: string): Promise<string[]> {
  const mails = await OutboxEmail.find({ kind, to }).sort({ _id: 1 }).lean();
  return mails.map((mail) => {
    const data = mail.data as Record<string, string>;
    const url = new URL(data.verifyUrl ?? data.resetUrl);
    const query =
      url.pathname === '/lang' ? new URL(url.searchParams.get('next') ?? '', url).search : url.search;
    return new URLSearchParams(query).get('token') ?? '';
  });
}

const askReset = (email: string) => request(t.app).post('/api/v1/auth/password-reset').send({ email });
const confirmReset = (token: string, password: string) =>
  request(t.app).post('/api/v1/auth/password-reset/confirm').send({ token, password });

describe('reset links: a newer one retires the older ones', () => {
  test('when two links were asked for and the second is used, then the first is refused', async () => {
    const expert = await registerExpert(t.app);
    await askReset(expert.email);
    await askReset(expert.email);
    const [first, second] = await tokensSent('password-reset', expert.email);
    expect((await confirmReset(second, 'the second new password')).status).toBe(204);
    const old = await confirmReset(first, 'the first new password');
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe('LINK_USED');
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: expert.email, password: 'the second new password' });
    expect(login.status).toBe(200);
  });

  test('when two links were asked for, then the first is refused even though neither was used', async () => {
    const expert = await registerExpert(t.app);
    await askReset(expert.email);
    await askReset(expert.email);
    const [first, second] = await tokensSent('password-reset', expert.email);
    const old = await confirmReset(first, 'the first new password');
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe('LINK_USED');
    expect((await confirmReset(second, 'the second new password')).status).toBe(204);
  });
});

describe('the password-changed email', () => {
  test('when a password is reset, then a "password changed" email says every device and API token was signed out, in the same step', async () => {
    const expert = await registerExpert(t.app, { preferredLanguage: 'en' });
    await askReset(expert.email);
    const [token] = await tokensSent('password-reset', expert.email);
    expect(await OutboxEmail.countDocuments({ kind: 'password-changed', to: expert.email })).toBe(0);
    expect((await confirmReset(token, 'a brand new password')).status).toBe(204);
    const mail = await OutboxEmail.findOne({ kind: 'password-changed', to: expert.email }).lean();
    expect(mail).toMatchObject({ language: 'en', related: { type: 'user', id: expert.userId } });
    expect((mail?.data as Record<string, string> | undefined)?.forgotPasswordUrl).toMatch(/forgot-password/);
  });
});

describe('verification links are tied to the address', () => {
  test('when the login email is changed, then the old address’s link does not verify the new one; the new link does', async () => {
    const expert = await registerExpert(t.app);
    const [oldLink] = await tokensSent('verify-email', expert.email);
    const newEmail = `moved.${expert.email}`;
    const patch = await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(expert.auth.header)
      .send({ email: newEmail, currentPassword: TEST_PASSWORD });
    expect(patch.status).toBe(200);
    const stale = await request(t.app).post('/api/v1/auth/verify-email').send({ token: oldLink });
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('LINK_INVALID');
    expect((await User.findById(expert.userId).lean())?.emailVerifiedAt).toBeUndefined();
    const [newLink] = await tokensSent('verify-email', newEmail);
    expect((await request(t.app).post('/api/v1/auth/verify-email').send({ token: newLink })).status).toBe(
      204,
    );
    expect((await User.findById(expert.userId).lean())?.emailVerifiedAt).toBeInstanceOf(Date);
  });

  test('when a reset link was sent before the login email changed, then it no longer works', async () => {
    const expert = await registerExpert(t.app);
    await askReset(expert.email);
    const [resetLink] = await tokensSent('password-reset', expert.email);
    const { agent, csrfToken } = await sessionAgent(t.app, expert.email, TEST_PASSWORD);
    const patch = await agent
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set('X-CSRF-Token', csrfToken)
      .send({ email: `moved.${expert.email}`, currentPassword: TEST_PASSWORD });
    expect(patch.status).toBe(200);
    const res = await confirmReset(resetLink, 'a brand new password');
    expect(res.status).toBe(409);
  });
});
