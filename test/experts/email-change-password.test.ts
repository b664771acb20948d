import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, sessionAgent, staffUser, TEST_PASSWORD } from '../support/auth';
import { type RegisteredExpert, registerExpert } from '../support/experts.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const loginEmail = async (expert: RegisteredExpert) => (await User.findById(expert.userId).lean())?.email;
const moveTo = (expert: RegisteredExpert, body: Record<string, unknown>) =>
  request(t.app).patch('/api/v1/experts/me').set(expert.auth.header).send(body);

describe('changing the login email asks for the current password', () => {
  test('when an expert changes their email without the current password, then 400 names the field and nothing changes', async () => {
    const expert = await registerExpert(t.app);
    const res = await moveTo(expert, { email: `moved.${expert.email}` });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'body.currentPassword' })]);
    expect(await loginEmail(expert)).toBe(expert.email.toLowerCase());
  });

  test('when the current password is wrong, then 403 WRONG_PASSWORD and nothing changes; when right, the email moves', async () => {
    const expert = await registerExpert(t.app);
    const wrong = await moveTo(expert, {
      email: `moved.${expert.email}`,
      currentPassword: 'not the password',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    expect(await loginEmail(expert)).toBe(expert.email.toLowerCase());

    const right = await moveTo(expert, { email: `moved.${expert.email}`, currentPassword: TEST_PASSWORD });
    expect(right.status).toBe(200);
    expect(await loginEmail(expert)).toBe(`moved.${expert.email}`.toLowerCase());
  });

  test('when other fields change, or a coordinator changes the email on the expert’s behalf, then no password is asked', async () => {
    const expert = await registerExpert(t.app);
    expect((await moveTo(expert, { phone: '13800138000' })).status).toBe(200);
    const byStaff = await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(coordinator.header)
      .send({ email: `office.${expert.email}` });
    expect(byStaff.status).toBe(200);
    expect(await loginEmail(expert)).toBe(`office.${expert.email}`.toLowerCase());
  });

  test('when the profile page changes the email without the current password, then the form says so', async () => {
    const expert = await registerExpert(t.app);
    const { agent, csrfToken } = await sessionAgent(t.app, expert.email);
    const page = await agent.get('/expert/profile');
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="currentPassword"');
    const res = await agent
      .post('/expert/profile')
      .type('form')
      .send({ _csrf: csrfToken, name: '向德明', email: `moved.${expert.email}`, modes: 'remote' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="f-currentPassword-error"');
    expect(res.text).toContain('更改电子邮箱需要填写当前密码。');
    const wrong = await agent
      .post('/expert/profile')
      .type('form')
      .send({
        _csrf: csrfToken,
        name: '向德明',
        email: `moved.${expert.email}`,
        modes: 'remote',
        currentPassword: 'not the password',
      });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('当前密码不对。');
    expect(await loginEmail(expert)).toBe(expert.email.toLowerCase());
  });
});
