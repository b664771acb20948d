import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { signIn } from '../support/auth';
import { buildRegistration, validCreditCode } from '../support/organisations.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const register = (body: object) => request(t.app).post('/api/v1/organisations/register').send(body);

describe('employer sign-up', () => {
  test('when an employer signs up, then 202 says to check the email, and the account (role employer) and a pending organisation are created and linked', async () => {
    const body = buildRegistration();
    const res = await register(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'check-your-email' });
    const user = await User.findOne({ email: body.email }).lean();
    expect(user).toMatchObject({ role: 'employer', displayName: '张联系' });
    const me = await signIn(t.app, body.email);
    const mine = await request(t.app).get(`/api/v1/organisations/${user?.organisationId}`).set(me.header);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      status: 'pending',
      creditCode: body.organisation.creditCode,
      contact: { name: '张联系', phone: '13800138000', email: body.email },
      keyEnterprise: false,
    });
  });

  test('when the email is already registered, then the same 202 and no organisation is left behind', async () => {
    const first = buildRegistration();
    expect((await register(first)).status).toBe(202);
    const second = buildRegistration({ email: first.email.toUpperCase() });
    const res = await register(second);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'check-your-email' });
    expect(await Organisation.exists({ creditCode: second.organisation.creditCode })).toBeNull();
    expect(await User.countDocuments({ email: first.email })).toBe(1);
  });

  test('when two sign-ups with one email race, then both answer 202, one account is created and no orphan organisation remains', async () => {
    const a = buildRegistration();
    const b = buildRegistration({ email: a.email });
    const results = await Promise.all([register(a), register(b)]);
    expect(results.map((r) => r.status)).toEqual([202, 202]);
    const codes = [a.organisation.creditCode, b.organisation.creditCode];
    expect(await Organisation.countDocuments({ creditCode: { $in: codes } })).toBe(1);
    expect(await User.countDocuments({ email: a.email })).toBe(1);
  });

  test('when the unified social credit code is already registered, then 409 CREDIT_CODE_TAKEN and no account is created', async () => {
    const creditCode = validCreditCode();
    expect((await register(buildRegistration({ organisation: { creditCode } }))).status).toBe(202);
    const second = buildRegistration({ organisation: { creditCode: creditCode.toLowerCase() } });
    const res = await register(second);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CREDIT_CODE_TAKEN');
    expect(await User.exists({ email: second.email })).toBeNull();
  });

  test('when the credit code fails its checksum, then 400 names body.organisation.creditCode', async () => {
    const code = validCreditCode();
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const res = await register(buildRegistration({ organisation: { creditCode: wrong } }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: 'body.organisation.creditCode',
        message: expect.stringMatching(/check/),
      }),
    ]);
  });

  test('when fields have wrong types, unknown keys or operators, then 400 with every field path and nothing written', async () => {
    const body = buildRegistration({
      email: { $gt: '' },
      phone: 12345,
      status: 'verified',
      organisation: { type: 'bank', county: '999999', keyEnterprise: true },
    });
    const res = await register(body);
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.email',
        'body.phone',
        'body.organisation.type',
        'body.organisation.county',
        'body',
        'body.organisation',
      ]),
    );
    expect(await Organisation.exists({ creditCode: body.organisation.creditCode })).toBeNull();
  });
});
