import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { createActionToken } from '../../src/modules/email/action-links';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { formAgent, pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { createExpertAs, registerExpert } from '../support/experts.factory';

type Agent = Awaited<ReturnType<typeof pageAgent>>;

let t: TestApp;
let admin: SignedIn;
let asAdmin: Agent;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  admin = await staffUser(t.app, 'admin');
  asAdmin = await pageAgent(t.app, admin.email);
}, 60_000);
afterAll(() => t.close());

const post = (who: Agent, path: string, form: Record<string, string>) =>
  who.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: who.csrfToken });

/** The token of the newest welcome link sent to this address, and the whole email. */
async function welcomeSentTo(email: string) {
  const mail = await OutboxEmail.findOne({ kind: 'staff-welcome', to: email }).sort({ _id: -1 }).lean();
  if (!mail) throw new Error(`no welcome email to ${email}`);
  const url = new URL((mail.data as Record<string, string>).setPasswordUrl);
  const inner = url.pathname === '/lang' ? new URL(url.searchParams.get('next') ?? '', url) : url;
  expect(inner.pathname).toBe('/welcome');
  return { mail, token: inner.searchParams.get('token') ?? '' };
}

/** Creates a coordinator on the page; answers their address. */
async function createOnPage(form: Record<string, string> = {}): Promise<string> {
  const email = uniqueEmail('coord');
  const res = await post(asAdmin, '/admin/staff', {
    displayName: '王芳',
    email,
    role: 'coordinator',
    preferredLanguage: 'zh-CN',
    ...form,
  });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/admin/staff?done=staffCreated');
  return form.email ?? email;
}

/** Chooses the first password through the welcome page, as the new person does from the email. */
async function setPassword(token: string, password: string) {
  // a refused link shows no form: the session's token comes from the sign-in form then
  const visitor = await formAgent(t.app, '/login');
  return visitor.agent.post('/welcome').type('form').send({ token, password, _csrf: visitor.csrfToken });
}

/** A staff page coordinators and admins may open. */
const HOME = '/coordinator/liaisons';

const idOf = async (email: string) => String((await User.findOne({ email }).lean())?._id);

describe('the last admin', () => {
  test('when the only active admin deactivates their own account, then the page refuses it in words and nothing changes', async () => {
    // the first test of the file: this database has one admin so far
    const res = await post(asAdmin, `/admin/staff/${admin.userId}/disable`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('最后一位在用的管理员');
    expect((await User.findById(admin.userId).lean())?.disabledAt).toBeUndefined();
  });
});

describe('creating a coordinator from the page', () => {
  test('when an admin creates a coordinator, then the welcome email with a link is in the outbox, the link sets the password and the person signs in', async () => {
    const form = await asAdmin.agent.get('/admin/staff/new');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<a href="\/admin\/staff"[^>]*>工作人员账号<\/a>/);
    expect(form.text).toContain('id="f-displayName"');
    expect(form.text).not.toContain('type="password"');

    const email = await createOnPage();
    const { mail, token } = await welcomeSentTo(email);
    expect(mail).toMatchObject({ language: 'zh-CN', toName: '王芳', status: 'pending' });
    expect(mail.data).toMatchObject({ name: '王芳', roleName: '协调员', email });
    const expiresAt = new Date((mail.data as Record<string, string>).expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const list = await asAdmin.agent.get('/admin/staff');
    expect(list.text).toContain(email);
    expect(list.text).toContain('已发欢迎邮件，还没有设置密码');
    expect(list.text).toContain('还没有登录过');

    const page = await request(t.app).get(`/welcome?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('欢迎！请设置您的登录密码');
    expect(page.text).not.toContain('重新设置');

    const visitor = await formAgent(t.app, `/welcome?token=${encodeURIComponent(token)}`);
    const set = await visitor.agent
      .post('/welcome')
      .type('form')
      .send({ token, password: 'a welcome password', _csrf: visitor.csrfToken });
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/login?done=welcomeDone');
    const coordinator = await pageAgent(t.app, email, 'a welcome password');
    expect((await coordinator.agent.get(HOME)).status).toBe(200);

    const after = await asAdmin.agent.get('/admin/staff');
    const card =
      new RegExp(
        `<article[^>]*>(?:(?!</article>)[\\s\\S])*${email.replace(/\./g, '\\.')}[\\s\\S]*?</article>`,
      ).exec(after.text)?.[0] ?? '';
    expect(card).toContain('在用');
    expect(card).not.toContain('还没有登录过');
  });

  test('when the welcome link is used again, then it is refused in plain words with the way to a new link', async () => {
    const email = await createOnPage();
    const { token } = await welcomeSentTo(email);
    expect((await setPassword(token, 'the first password')).status).toBe(303);

    const again = await setPassword(token, 'a second password');
    expect(again.status).toBe(409);
    expect(again.text).toContain('这个链接已经用过了');
    expect(again.text).toContain('href="/forgot-password"');
    const opened = await request(t.app).get(`/welcome?token=${encodeURIComponent(token)}`);
    expect(opened.status).toBe(409);
    expect(opened.text).toContain('这个链接已经用过了');
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email, password: 'a second password' });
    expect(login.status).toBe(401);
  });

  test('when the welcome link has expired, then it is refused in plain words and sets nothing', async () => {
    const email = await createOnPage();
    const id = await idOf(email);
    const user = await User.findById(id).lean();
    const expired = createActionToken(
      {
        purpose: 'staff-welcome',
        subjectId: `${id}_${user?.resetGeneration}`,
        expiresAt: new Date(Date.now() - 1000),
      },
      t.config.links.secret,
    );
    const opened = await request(t.app).get(`/welcome?token=${encodeURIComponent(expired)}`);
    expect(opened.status).toBe(410);
    expect(opened.text).toContain('这个链接已经过期了');
    const set = await setPassword(expired, 'too late a password');
    expect(set.status).toBe(410);
    expect((await User.findById(id).lean())?.passwordHash).toBeUndefined();
  });

  test('when a reset link was asked for after the welcome, then the welcome link is retired', async () => {
    const email = await createOnPage();
    const { token } = await welcomeSentTo(email);
    await request(t.app).post('/api/v1/auth/password-reset').send({ email });
    expect((await setPassword(token, 'an older link password')).status).toBe(409);
  });

  test('when a service unit’s staff member is created, then their unit is kept and shown', async () => {
    const email = await createOnPage({ role: 'service_unit', unitCode: 'housing', displayName: '李强' });
    expect((await User.findOne({ email }).lean())?.unitCode).toBe('housing');
    const list = await asAdmin.agent.get('/admin/staff');
    expect(list.text).toContain('黔江区住房和城乡建设委员会');
  });

  test('when the form is sent with mistakes, then each error shows beside its field, the values stay and nothing is created', async () => {
    const before = await User.countDocuments();
    const bad = await post(asAdmin, '/admin/staff', {
      displayName: '',
      email: 'not an address',
      role: 'service_unit',
      preferredLanguage: 'zh-CN',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="error-summary"');
    expect(bad.text).toMatch(/id="f-displayName-error"/);
    expect(bad.text).toMatch(/id="f-email-error"/);
    expect(bad.text).toMatch(/id="f-unitCode-error"[^>]*>[\s\S]*?请选择所在单位/);
    expect(bad.text).toContain('value="not an address"');
    expect(await User.countDocuments()).toBe(before);

    const noRole = await post(asAdmin, '/admin/staff', { displayName: '赵六', email: uniqueEmail('x') });
    expect(noRole.status).toBe(400);
    expect(noRole.text).toMatch(/id="f-role-error"/);

    const taken = await post(asAdmin, '/admin/staff', {
      displayName: '赵六',
      email: admin.email,
      role: 'coordinator',
      preferredLanguage: 'zh-CN',
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toMatch(/id="f-email-error"/);
    expect(taken.text).not.toContain('请直接登录');
    expect(await User.countDocuments()).toBe(before);
    expect(await OutboxEmail.countDocuments({ kind: 'staff-welcome', to: admin.email })).toBe(0);
  });
});

describe('who may reach the staff pages', () => {
  test('when a coordinator, an expert or a visitor asks for them, then they are turned away', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    const asCoordinator = await pageAgent(t.app, coordinator.email);
    expect((await asCoordinator.agent.get('/admin/staff')).status).toBe(403);
    expect((await asCoordinator.agent.get(HOME)).text).not.toContain('href="/admin/staff"');
    const created = await post(asCoordinator, '/admin/staff', {
      displayName: '冒名',
      email: uniqueEmail('x'),
      role: 'admin',
      preferredLanguage: 'zh-CN',
    });
    expect(created.status).toBe(403);
    expect((await post(asCoordinator, `/admin/staff/${admin.userId}/disable`, {})).status).toBe(403);

    const expert = await registerExpert(t.app);
    const asExpert = await pageAgent(t.app, expert.email);
    expect((await asExpert.agent.get('/admin/staff')).status).toBe(403);
    expect((await asExpert.agent.get('/admin/staff/new')).status).toBe(403);

    const visitor = await request(t.app).get('/admin/staff');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login\?next=/);
  });
});

describe('deactivating and reactivating', () => {
  test('when an admin deactivates a coordinator, then their session ends and they cannot sign in; reactivated, they can', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    const asCoordinator = await pageAgent(t.app, coordinator.email);

    const off = await post(asAdmin, `/admin/staff/${coordinator.userId}/disable`, {});
    expect(off.status).toBe(303);
    expect(off.headers.location).toBe('/admin/staff?done=staffDisabled');
    expect((await asCoordinator.agent.get(HOME)).status).toBe(303);
    await expect(pageAgent(t.app, coordinator.email)).rejects.toThrow();
    const list = await asAdmin.agent.get('/admin/staff?done=staffDisabled');
    expect(list.text).toContain('账号已停用');

    const on = await post(asAdmin, `/admin/staff/${coordinator.userId}/enable`, {});
    expect(on.status).toBe(303);
    const again = await pageAgent(t.app, coordinator.email);
    expect((await again.agent.get(HOME)).status).toBe(200);
  });

  test('when a coordinator who is a liaison is deactivated, then the page says how many experts they look after and links to the hand-over', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    for (const _ of [1, 2]) {
      const expertId = await createExpertAs(t.app, admin);
      const assigned = await request(t.app)
        .put(`/api/v1/liaisons/experts/${expertId}`)
        .set(admin.header)
        .send({ liaisonId: coordinator.userId });
      expect(assigned.status).toBe(200);
    }
    const before = await asAdmin.agent.get('/admin/staff');
    expect(before.text).toContain('此人负责 2 位专家的联系工作');

    expect((await post(asAdmin, `/admin/staff/${coordinator.userId}/disable`, {})).status).toBe(303);
    const after = await asAdmin.agent.get('/admin/staff');
    expect(after.text).toContain('还负责 2 位专家的联系工作');
    expect(after.text).toContain('href="/coordinator/liaisons"');
  });
});

describe('the API', () => {
  test('when an admin creates staff without a password, then the welcome email is sent; with one, none is and the password works', async () => {
    const invited = uniqueEmail('api');
    const created = await request(t.app)
      .post('/api/v1/admin/users')
      .set(admin.header)
      .send({ email: invited, role: 'admin', displayName: 'Ann Lee', preferredLanguage: 'en' });
    expect(created.status).toBe(201);
    const { mail } = await welcomeSentTo(invited);
    expect(mail).toMatchObject({ language: 'en' });
    expect(mail.data).toMatchObject({ roleName: 'an administrator' });

    const withPassword = uniqueEmail('api');
    const direct = await request(t.app)
      .post('/api/v1/admin/users')
      .set(admin.header)
      .send({ email: withPassword, password: 'a typed password', role: 'coordinator', displayName: '钱七' });
    expect(direct.status).toBe(201);
    expect(await OutboxEmail.countDocuments({ kind: 'staff-welcome', to: withPassword })).toBe(0);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: withPassword, password: 'a typed password' });
    expect(login.status).toBe(200);

    const list = await request(t.app).get('/api/v1/admin/users?pageSize=100').set(admin.header);
    expect(list.status).toBe(200);
    const byEmail = new Map(list.body.items.map((u: { email: string }) => [u.email, u]));
    expect(byEmail.get(invited)).toMatchObject({ passwordSet: false, disabledAt: null, lastLoginAt: null });
    expect(byEmail.get(withPassword)).toMatchObject({ passwordSet: true });
    expect((byEmail.get(withPassword) as { lastLoginAt: string | null }).lastLoginAt).not.toBeNull();
  });
});
