import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { createActionToken } from '../../src/modules/email/action-links';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { formAgent } from './page-agent';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

/** The page a link in the invitation leads to (an English reader's link passes the language switch first). */
async function invitationSentTo(email: string): Promise<URL> {
  const mail = await OutboxEmail.findOne({ kind: 'expert-invitation', to: email }).lean();
  if (!mail) throw new Error(`no invitation to ${email}`);
  const url = new URL((mail.data as Record<string, string>).setPasswordUrl);
  return url.pathname === '/lang' ? new URL(url.searchParams.get('next') ?? '', url) : url;
}

const signIn = (email: string, password: string) =>
  request(t.app).post('/api/v1/auth/login').send({ email, password });

describe('the page an invited expert lands on', () => {
  test('when an expert registered in person follows the invitation, then the page speaks of setting a first password and the password set there signs them in', async () => {
    const email = uniqueEmail('invited');
    await createExpertAs(t.app, coordinator, { email, name: '冉桂英' });
    const link = await invitationSentTo(email);
    expect(link.pathname).toBe('/set-password');
    const path = `${link.pathname}${link.search}`;

    const { agent, csrfToken } = await formAgent(t.app, path);
    const page = await agent.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>设置密码，开始使用 · ');
    expect(page.text).toMatch(/<h1>设置密码，开始使用<\/h1>/);
    expect(page.text).toMatch(/<button type="submit" class="button">设置密码，开始使用<\/button>/);
    expect(page.text).toContain('action="/set-password"');
    for (const resetWords of ['重新设置', '设置新密码', '保存新密码', '其他设备上的登录会失效']) {
      expect(page.text).not.toContain(resetWords);
    }

    const token = link.searchParams.get('token') as string;
    const short = await agent
      .post('/set-password')
      .type('form')
      .send({ token, password: 'short', _csrf: csrfToken });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/<h1>设置密码，开始使用<\/h1>/);
    expect(short.text).toMatch(/id="f-password-error"[^>]*>.*10/);

    const set = await agent
      .post('/set-password')
      .type('form')
      .send({ token, password: 'my first password', _csrf: csrfToken });
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/login?done=welcomeDone');
    const login = await signIn(email, 'my first password');
    expect(login.status).toBe(200);
    expect(login.body.user.emailVerified).toBe(true);
    // a first password is not a change: no "your password was changed" email
    expect(await OutboxEmail.countDocuments({ kind: 'password-changed', to: email })).toBe(0);

    const again = await request(t.app).get(path);
    expect(again.status).toBe(409);
    expect(again.text).toContain('这个链接已经用过了');
    expect(again.text).toContain('href="/forgot-password"');
    expect(again.text).not.toContain('name="password"');
  });

  test('when the page is read in English, then it says "Set your password"', async () => {
    const email = uniqueEmail('invited-en');
    await createExpertAs(t.app, coordinator, { email, preferredLanguage: 'en' });
    const link = await invitationSentTo(email);
    const page = await request(t.app).get(`${link.pathname}${link.search}`).set('Cookie', 'lang=en');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<h1>Set your password<\/h1>/);
    expect(page.text).toContain('<title>Set your password · ');
    expect(page.text).not.toContain('Set a new password');
  });

  test('when an invitation link is taken to the reset page, or another kind of link to this page, then it is refused and no password is set', async () => {
    const email = uniqueEmail('invited-elsewhere');
    await createExpertAs(t.app, coordinator, { email });
    const token = (await invitationSentTo(email)).searchParams.get('token') as string;
    const reset = await formAgent(t.app, `/reset-password?token=${token}`);
    const viaReset = await reset.agent
      .post('/reset-password')
      .type('form')
      .send({ token, password: 'my first password', _csrf: reset.csrfToken });
    expect(viaReset.status).toBe(400);
    expect((await signIn(email, 'my first password')).status).toBe(401);

    const user = await User.findOne({ email }).lean();
    const link = (purpose: string, expiresAt: Date) =>
      createActionToken(
        { purpose, subjectId: `${user?._id}_${user?.resetGeneration}`, expiresAt },
        t.config.links.secret,
      );
    const welcome = link('staff-welcome', new Date(Date.now() + 60_000));
    const wrongKind = await request(t.app).get(`/set-password?token=${encodeURIComponent(welcome)}`);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.text).toContain('这个链接不完整或已损坏');
    expect(wrongKind.text).toMatch(/<h1>设置密码，开始使用<\/h1>/);
    const visitor = await formAgent(t.app, '/login');
    const viaWrongKind = await visitor.agent
      .post('/set-password')
      .type('form')
      .send({ token: welcome, password: 'my first password', _csrf: visitor.csrfToken });
    expect(viaWrongKind.status).toBe(400);
    expect((await signIn(email, 'my first password')).status).toBe(401);

    const expired = link('expert-invitation', new Date(Date.now() - 1000));
    const late = await request(t.app).get(`/set-password?token=${encodeURIComponent(expired)}`);
    expect(late.status).toBe(410);
    expect(late.text).toContain('邀请邮件里的链接 14 天内有效');
  });
});
