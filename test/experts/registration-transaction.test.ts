import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import type { RegisterExpertInput } from '../../src/modules/experts/experts.schemas';
import { registerExpert } from '../../src/modules/experts/experts.service';
import { startTestApp, type TestApp } from '../support/app';
import { buildExpert } from '../support/experts.factory';
import { buildRegistration } from '../support/organisations.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

const leftBehind = async (email: string) => ({
  users: await User.countDocuments({ email }),
  experts: await Expert.countDocuments({ email }),
  emails: await OutboxEmail.countDocuments({ to: email }),
});

const paths = (res: request.Response): string[] =>
  res.body.error.details.map((d: { path: string }) => d.path);

/**
 * Issue #3: a name with CR/LF used to get 400 from the verification email, after the account was
 * written: the person could neither finish nor sign up again (409). Now the name is refused first,
 * and the account, the profile and the email are one transaction.
 */
describe('expert sign-up writes everything or nothing', () => {
  test('when the name holds CR LF, then 400 names body.name, no account is created, and signing up again works', async () => {
    const body = buildExpert({ name: '李明\r\nBcc: someone@example.com' });
    const res = await request(t.app).post('/api/v1/experts/register').send(body);
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.name']);
    expect(await leftBehind(body.email)).toEqual({ users: 0, experts: 0, emails: 0 });

    const again = await request(t.app)
      .post('/api/v1/experts/register')
      .send({ ...body, name: '李明' });
    expect(again.status).toBe(202);
    expect(await leftBehind(body.email)).toEqual({ users: 1, experts: 1, emails: 1 });
  });

  test('when an employer’s contact name holds a line break, then 400 names body.name, nothing is created, and signing up again works', async () => {
    const body = buildRegistration({ name: '张联系\n经理' });
    const res = await request(t.app).post('/api/v1/organisations/register').send(body);
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.name']);
    expect(await User.countDocuments({ email: body.email })).toBe(0);
    const again = await request(t.app)
      .post('/api/v1/organisations/register')
      .send({ ...body, name: '张联系' });
    expect(again.status).toBe(202);
    expect(await User.countDocuments({ email: body.email })).toBe(1);
  });

  test('when a failure follows the account’s insert, then neither the account, the profile nor the email remains, and signing up again works', async () => {
    const body = buildExpert() as RegisterExpertInput;
    const failing: typeof createUser = async (input, session) => {
      await createUser(input, session);
      throw new Error('accounts unavailable');
    };
    await expect(registerExpert(t.ctx, body, { createUser: failing })).rejects.toThrow(
      'accounts unavailable',
    );
    expect(await leftBehind(body.email)).toEqual({ users: 0, experts: 0, emails: 0 });

    expect((await request(t.app).post('/api/v1/experts/register').send(body)).status).toBe(202);
    expect(await leftBehind(body.email)).toEqual({ users: 1, experts: 1, emails: 1 });
  });

  test('when writing the verification email fails after the account and the profile, then none of them remains', async () => {
    const body = buildExpert() as RegisterExpertInput;
    const failing: typeof enqueueEmail = async (...args) => {
      await enqueueEmail(...args);
      throw new Error('outbox unavailable');
    };
    await expect(registerExpert(t.ctx, body, { writeEmail: failing })).rejects.toThrow('outbox unavailable');
    expect(await leftBehind(body.email)).toEqual({ users: 0, experts: 0, emails: 0 });
  });
});
