import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import type { EmailKind } from '../../src/modules/email/email.kinds';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { formAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { buildExpert } from '../support/experts.factory';
import { buildRegistration, validCreditCode } from '../support/organisations.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

const registerExpert = (body: object) => request(t.app).post('/api/v1/experts/register').send(body);
const registerEmployer = (body: object) => request(t.app).post('/api/v1/organisations/register').send(body);
const OTHER_PASSWORD = 'a different password 2026';

const mailTo = (email: string, kind: EmailKind) =>
  OutboxEmail.find({ to: email, kind }).lean<{ language: string; toName: string; data: unknown }[]>();

/**
 * Issue #13: sign-up said 409 EMAIL_TAKEN for an address with an account, so anyone could find out who
 * is registered (the password reset already did not tell). Now both answers are the same, and the
 * owner of the address is emailed instead.
 */
describe('expert sign-up with an address that has an account', () => {
  test('when the address is taken, then the answer is the same as for a new one, nothing is created or changed, and the owner is told by email', async () => {
    const owner = buildExpert();
    const first = await registerExpert(owner);
    const again = await registerExpert(
      buildExpert({ email: owner.email, name: '冒名', password: OTHER_PASSWORD }),
    );

    expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'check-your-email' });
    expect(Object.keys(again.headers).sort()).toEqual(Object.keys(first.headers).sort());

    expect(await User.countDocuments({ email: owner.email })).toBe(1);
    expect(await Expert.countDocuments({ email: owner.email })).toBe(1);
    expect(await Expert.exists({ name: '冒名' })).toBeNull();
    // the owner's password is untouched; the one given the second time does not sign in
    await expect(signIn(t.app, owner.email, TEST_PASSWORD)).resolves.toMatchObject({ email: owner.email });
    await expect(signIn(t.app, owner.email, OTHER_PASSWORD)).rejects.toThrow('401');

    expect(await mailTo(owner.email, 'verify-email')).toHaveLength(1);
    const [notice] = await mailTo(owner.email, 'signup-attempt');
    expect(notice).toMatchObject({ toName: '李明', language: 'zh-CN', status: expect.any(String) });
    expect(notice.data).toEqual({
      name: '李明',
      attemptedAt: expect.any(Date),
      signInUrl: `${t.config.http.publicUrl}/login`,
      resetUrl: `${t.config.http.publicUrl}/forgot-password`,
    });
  });

  test('when the owner reads English, then the notice is in English with links through the language switch', async () => {
    const owner = buildExpert({ preferredLanguage: 'en' });
    expect((await registerExpert(owner)).status).toBe(202);
    expect((await registerExpert(buildExpert({ email: owner.email }))).status).toBe(202);
    const [notice] = await mailTo(owner.email, 'signup-attempt');
    expect(notice.language).toBe('en');
    expect((notice.data as { signInUrl: string }).signInUrl).toBe(
      `${t.config.http.publicUrl}/lang?to=en&next=%2Flogin`,
    );
  });
});

describe('employer sign-up with an address that has an account', () => {
  test('when an expert’s address signs up as an employer, then the same 202, no organisation or account, and the expert is told', async () => {
    const expert = buildExpert();
    expect((await registerExpert(expert)).status).toBe(202);
    const fresh = await registerEmployer(buildRegistration());
    const taken = buildRegistration({ email: expert.email });
    const res = await registerEmployer(taken);

    expect({ status: res.status, body: res.body }).toEqual({ status: fresh.status, body: fresh.body });
    expect(res.status).toBe(202);
    expect(await Organisation.exists({ creditCode: taken.organisation.creditCode })).toBeNull();
    expect(await User.findOne({ email: expert.email }).lean()).toMatchObject({ role: 'expert' });
    expect(await mailTo(expert.email, 'signup-attempt')).toHaveLength(1);
  });

  test('when the credit code is taken too, then 409 CREDIT_CODE_TAKEN whether or not the address is registered', async () => {
    const creditCode = validCreditCode();
    const first = buildRegistration({ organisation: { creditCode } });
    expect((await registerEmployer(first)).status).toBe(202);
    const takenAddress = await registerEmployer(
      buildRegistration({ email: first.email, organisation: { creditCode } }),
    );
    const newAddress = await registerEmployer(buildRegistration({ organisation: { creditCode } }));
    expect(takenAddress.status).toBe(409);
    const { requestId: _a, ...takenError } = takenAddress.body.error;
    const { requestId: _b, ...newError } = newAddress.body.error;
    expect(takenError).toEqual(newError);
    expect(newAddress.body.error.code).toBe('CREDIT_CODE_TAKEN');
  });
});

describe('the OpenAPI document', () => {
  test('when read, then both sign-ups document 202 SignupAccepted and no longer 201 or an EMAIL_TAKEN 409 for experts', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    const expert = doc.paths['/api/v1/experts/register'].post.responses;
    const employer = doc.paths['/api/v1/organisations/register'].post.responses;
    for (const responses of [expert, employer]) {
      expect(Object.keys(responses)).toContain('202');
      expect(Object.keys(responses)).not.toContain('201');
      expect(JSON.stringify(responses['202'])).toContain('SignupAccepted');
    }
    expect(Object.keys(expert)).not.toContain('409');
    expect(doc.components.schemas.SignupAccepted).toMatchObject({
      properties: { status: { enum: ['check-your-email'] } },
    });
  });
});

describe('the sign-up pages', () => {
  const expertForm = (email: string) => ({
    name: '张桂兰',
    email,
    password: TEST_PASSWORD,
    residenceCounty: '500114',
    'title.level': 'full_senior',
    fields: 'agriculture',
    modes: ['periodic'],
    'consent.accepted': 'true',
  });

  test('when the expert form is sent for a new and for a taken address, then both go to the same “check your email” page, signed out', async () => {
    const email = uniqueEmail('expert');
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const { agent, csrfToken } = await formAgent(t.app, '/expert/signup');
      const res = await agent
        .post('/expert/signup')
        .type('form')
        .send({ ...expertForm(email), _csrf: csrfToken });
      const page = await agent.get(res.headers.location);
      const home = await agent.get('/expert');
      answers.push({
        status: res.status,
        location: res.headers.location,
        page: page.status,
        home: home.status,
      });
      expect(page.text).toContain('请查收邮件');
      expect(page.text).toContain('href="/login"');
    }
    expect(answers[0]).toEqual({ status: 303, location: '/expert/signup/sent', page: 200, home: 303 });
    expect(answers[1]).toEqual(answers[0]);
    expect(await User.countDocuments({ email })).toBe(1);
    expect(await mailTo(email, 'signup-attempt')).toHaveLength(1);
  });

  test('when the employer form is sent for a taken address, then it goes to the same “check your email” page as a new one', async () => {
    const taken = uniqueEmail('employer');
    const statuses = [];
    for (const email of [taken, taken]) {
      const { agent, csrfToken } = await formAgent(t.app, '/employer/signup');
      const res = await agent
        .post('/employer/signup')
        .type('form')
        .send({
          _csrf: csrfToken,
          'organisation.name': '黔江区石会镇魔芋专业合作社',
          'organisation.type': 'cooperative',
          'organisation.creditCode': validCreditCode('93500114'),
          'organisation.county': '500114',
          'organisation.address': '石会镇 8 号',
          name: '陈主任',
          email,
          password: TEST_PASSWORD,
        });
      statuses.push([res.status, res.headers.location]);
      expect((await agent.get(res.headers.location)).text).toContain('请查收邮件');
    }
    expect(statuses).toEqual([
      [303, '/employer/signup/sent'],
      [303, '/employer/signup/sent'],
    ]);
    expect(await Organisation.countDocuments({ 'contact.email': taken })).toBe(1);
  });
});
