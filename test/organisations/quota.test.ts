import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { quotaCalls } from './quota-helpers';

let t: TestApp;
let admin: SignedIn;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  [admin, coordinator] = await Promise.all([staffUser(t.app, 'admin'), staffUser(t.app, 'coordinator')]);
});
afterAll(() => t.close());

const api = () => request(t.app);
const { year, quotaPath, nominationsPath, grant, nominateNeed, ledger, keyEnterprise } = quotaCalls(
  () => t.app,
  () => admin,
);

describe('granting', () => {
  test('when an admin grants a quota, then the organisation is a key enterprise, the ledger shows it and the grant is audit-logged', async () => {
    const e = await keyEnterprise(2);
    const l = await ledger(e);
    expect(l).toMatchObject({ keyEnterprise: true, granted: 2, used: 0, remaining: 2 });
    expect(l.history).toEqual([
      expect.objectContaining({ kind: 'grant', granted: 2, previousGranted: 0, byRole: 'admin' }),
    ]);
    expect(await AuditEntry.exists({ action: 'quota.grant', targetId: e.organisationId })).not.toBeNull();
    const org = await api().get(`/api/v1/organisations/${e.organisationId}`).set(e.header);
    expect(org.body.keyEnterprise).toBe(true);
  });

  test('when a coordinator or the employer tries to grant, then 403; an unverified organisation gets 409', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    expect((await api().put(quotaPath(e)).set(coordinator.header).send({ year, granted: 5 })).status).toBe(
      403,
    );
    expect((await api().put(quotaPath(e)).set(e.header).send({ year, granted: 5 })).status).toBe(403);
    const pending = await registerEmployer(t.app);
    const res = await grant(pending, 2);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ORGANISATION_NOT_VERIFIED');
  });

  test('when the grant would go below the units already used, then 409 and the ledger is unchanged', async () => {
    const e = await keyEnterprise(2);
    const need = await createNeed(t.app, e.header);
    expect((await nominateNeed(e, need.id)).status).toBe(201);
    const res = await api().put(quotaPath(e)).set(admin.header).send({ year, granted: 0 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('QUOTA_BELOW_USED');
    expect(await ledger(e)).toMatchObject({ granted: 2, used: 1 });
  });
});

describe('ledger visibility', () => {
  test('when the organisation or a coordinator reads the ledger, then they see it; another employer gets 404', async () => {
    const e = await keyEnterprise(3);
    const other = await registerEmployer(t.app);
    expect((await ledger(e, coordinator.header)).granted).toBe(3);
    expect((await ledger(e)).granted).toBe(3);
    expect((await api().get(quotaPath(e)).set(other.header)).status).toBe(404);
    const withdraw = await api()
      .delete(`${nominationsPath(e)}/${e.organisationId}`)
      .set(other.header);
    expect(withdraw.status).toBe(404);
  });

  test('when no quota was granted for the year, then the ledger is empty; a malformed year is 400', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const res = await api()
      .get(`${quotaPath(e)}?year=2031`)
      .set(e.header);
    expect(res.body).toMatchObject({
      year: 2031,
      granted: 0,
      used: 0,
      remaining: 0,
      history: [],
      keyEnterprise: false,
    });
    expect(
      (
        await api()
          .get(`${quotaPath(e)}?year=next`)
          .set(e.header)
      ).status,
    ).toBe(400);
    expect(
      (
        await api()
          .get(`${quotaPath(e)}?year[$gt]=1`)
          .set(e.header)
      ).status,
    ).toBe(400);
  });
});
