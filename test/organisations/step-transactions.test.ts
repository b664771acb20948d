import request from 'supertest';
import type { Actor } from '../../src/lib/actor';
import { TRANSIENT_TRANSACTION_ERROR } from '../../src/lib/transaction';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { recordAudit } from '../../src/modules/audit/audit.service';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Need } from '../../src/modules/needs/need.model';
import { Nomination } from '../../src/modules/organisations/nomination.model';
import { nominate } from '../../src/modules/organisations/nomination.service';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import type { RegisterEmployerBody } from '../../src/modules/organisations/organisation.schemas';
import { registerEmployer } from '../../src/modules/organisations/registration.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createOpenNeed } from '../support/needs.factory';
import { buildRegistration } from '../support/organisations.factory';
import { quotaCalls } from './quota-helpers';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  admin = await staffUser(t.app, 'admin');
});
afterAll(() => t.close());

const { nominateNeed, ledger, keyEnterprise } = quotaCalls(
  () => t.app,
  () => admin,
);
const transient = () =>
  Object.assign(new Error('write conflict'), { errorLabels: [TRANSIENT_TRANSACTION_ERROR] });

describe('employer sign-up is one transaction', () => {
  const leftBehind = async (body: RegisterEmployerBody) => ({
    organisations: await Organisation.countDocuments({ creditCode: body.organisation.creditCode }),
    users: await User.countDocuments({ email: body.email }),
    emails: await OutboxEmail.countDocuments({ to: body.email }),
  });

  test('when creating the account fails after both writes, then neither the organisation nor the account remains, and signing up again works', async () => {
    const body = buildRegistration() as RegisterEmployerBody;
    const failing: typeof createUser = async (input, session) => {
      await createUser(input, session);
      throw new Error('accounts unavailable');
    };
    await expect(registerEmployer(t.ctx, body, { createUser: failing })).rejects.toThrow(
      'accounts unavailable',
    );
    expect(await leftBehind(body)).toEqual({ organisations: 0, users: 0, emails: 0 });

    const res = await request(t.app).post('/api/v1/organisations/register').send(body);
    expect(res.status).toBe(202);
    expect(await leftBehind(body)).toEqual({ organisations: 1, users: 1, emails: 1 });
  });

  test('when writing the verification email fails after the organisation and the account, then nothing remains, and signing up again works', async () => {
    const body = buildRegistration() as RegisterEmployerBody;
    const failing: typeof enqueueEmail = async (...args) => {
      await enqueueEmail(...args);
      throw new Error('outbox unavailable');
    };
    await expect(registerEmployer(t.ctx, body, { writeEmail: failing })).rejects.toThrow(
      'outbox unavailable',
    );
    expect(await leftBehind(body)).toEqual({ organisations: 0, users: 0, emails: 0 });

    const res = await request(t.app).post('/api/v1/organisations/register').send(body);
    expect(res.status).toBe(202);
    expect(await leftBehind(body)).toEqual({ organisations: 1, users: 1, emails: 1 });
    expect(await OutboxEmail.findOne({ to: body.email }).lean()).toMatchObject({ kind: 'verify-email' });
  });

  test('when the first attempt hits a TransientTransactionError, then it runs again and one organisation and one account are created', async () => {
    const body = buildRegistration() as RegisterEmployerBody;
    let calls = 0;
    const flaky: typeof createUser = async (input, session) => {
      calls += 1;
      const user = await createUser(input, session);
      if (calls === 1) throw transient();
      return user;
    };
    await registerEmployer(t.ctx, body, { createUser: flaky });
    expect(calls).toBe(2);
    expect(await leftBehind(body)).toEqual({ organisations: 1, users: 1, emails: 1 });
    const user = await User.findOne({ email: body.email }).lean();
    const org = await Organisation.findOne({ creditCode: body.organisation.creditCode }).lean();
    expect(String(user?.organisationId)).toBe(String(org?._id));
  });
});

describe('a nomination is one transaction', () => {
  test('when the audit entry fails after the unit, the nomination and the need’s flag were written, then none of them remains, and nominating again works', async () => {
    const e = await keyEnterprise(1);
    const need = await createOpenNeed(t.app, e.header);
    const before = await ledger(e);
    const actor: Actor = { userId: admin.userId, role: 'admin', via: 'token' };
    const failing: typeof recordAudit = async (...args) => {
      await recordAudit(...args);
      throw new Error('audit unavailable');
    };

    const attempt = nominate(
      t.ctx,
      actor,
      e.organisationId,
      { kind: 'priority_need', needId: need.id },
      { recordAudit: failing },
    );
    await expect(attempt).rejects.toThrow('audit unavailable');
    expect(await ledger(e)).toEqual(before);
    expect(before).toMatchObject({ used: 0, remaining: 1 });
    expect(await Nomination.countDocuments({ needId: need.id })).toBe(0);
    expect(await Need.findById(need.id).lean()).toMatchObject({ priority: false });
    expect(await AuditEntry.countDocuments({ action: 'quota.nominate', targetId: e.organisationId })).toBe(0);

    const again = await nominateNeed(e, need.id);
    expect(again.status).toBe(201);
    expect(await ledger(e)).toMatchObject({ used: 1, remaining: 0 });
    expect(await Need.findById(need.id).lean()).toMatchObject({ priority: true });
  });
});
