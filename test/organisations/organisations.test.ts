import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { registerEmployer, validCreditCode } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const api = () => request(t.app);
const orgPath = (id: string) => `/api/v1/organisations/${id}`;

describe('reading and editing', () => {
  test('when employer A asks for, edits or verifies employer B’s organisation, then 404 (or 403 for staff steps) and B is unchanged', async () => {
    const a = await registerEmployer(t.app);
    const b = await registerEmployer(t.app);
    expect((await api().get(orgPath(b.organisationId)).set(a.header)).status).toBe(404);
    expect(
      (await api().patch(orgPath(b.organisationId)).set(a.header).send({ address: '别处' })).status,
    ).toBe(404);
    expect(
      (
        await api()
          .post(`${orgPath(b.organisationId)}/verify`)
          .set(a.header)
      ).status,
    ).toBe(403);
    const still = await api().get(orgPath(b.organisationId)).set(b.header);
    expect(still.body).toMatchObject({ status: 'pending', address: '重庆市黔江区城东街道 1 号' });
  });

  test('when the employer edits address and contact, then they change and the status stays', async () => {
    const a = await registerEmployer(t.app, { verified: true });
    const res = await api()
      .patch(orgPath(a.organisationId))
      .set(a.header)
      .send({
        address: '黔江区正阳街道 8 号',
        contact: { name: '李四', phone: '023-79223456', email: 'LI@example.com' },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'verified',
      address: '黔江区正阳街道 8 号',
      contact: { name: '李四', phone: '023-79223456', email: 'li@example.com' },
    });
  });

  test('when the employer renames a verified organisation, then it goes back to pending', async () => {
    const a = await registerEmployer(t.app, { verified: true });
    const res = await api().patch(orgPath(a.organisationId)).set(a.header).send({ name: '新名称有限公司' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新名称有限公司', status: 'pending', verifiedAt: null });
  });

  test('when a coordinator edits the name of a verified organisation, then it stays verified and the edit is audit-logged', async () => {
    const a = await registerEmployer(t.app, { verified: true });
    const res = await api()
      .patch(orgPath(a.organisationId))
      .set(coordinator.header)
      .send({ name: '更正后的名称' });
    expect(res.body).toMatchObject({ name: '更正后的名称', status: 'verified' });
    const audit = await AuditEntry.findOne({
      action: 'organisation.update',
      targetId: a.organisationId,
    }).lean();
    expect(audit?.details).toEqual({ fields: ['name'] });
  });

  test('when the credit code is changed to one already registered, then 409 and nothing changes', async () => {
    const a = await registerEmployer(t.app);
    const taken = validCreditCode();
    await registerEmployer(t.app, { organisation: { creditCode: taken } });
    const res = await api().patch(orgPath(a.organisationId)).set(a.header).send({ creditCode: taken });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CREDIT_CODE_TAKEN');
  });

  test('when the body sets status or keyEnterprise, has an operator or a bad credit code, then 400 with the fields named', async () => {
    const a = await registerEmployer(t.app);
    const mass = await api()
      .patch(orgPath(a.organisationId))
      .set(a.header)
      .send({ status: 'verified', keyEnterprise: true });
    expect(mass.status).toBe(400);
    const injected = await api()
      .patch(orgPath(a.organisationId))
      .set(a.header)
      .send({ name: { $ne: '' } });
    expect(injected.body.error.details[0].path).toBe('body.name');
    const bad = await api()
      .patch(orgPath(a.organisationId))
      .set(a.header)
      .send({ creditCode: '91500114MA5U4XQ27L' });
    expect(bad.body.error.details[0]).toMatchObject({ path: 'body.creditCode' });
    expect((await api().get(orgPath('not-an-id')).set(a.header)).status).toBe(400);
    expect((await api().get(orgPath(a.organisationId)).set(a.header)).body.status).toBe('pending');
  });
});

describe('verification', () => {
  test('when a coordinator verifies a pending organisation, then it is verified, audit-logged, and a second verify is 409', async () => {
    const a = await registerEmployer(t.app);
    const res = await api()
      .post(`${orgPath(a.organisationId)}/verify`)
      .set(coordinator.header);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('verified');
    expect(res.body.verifiedAt).toEqual(expect.any(String));
    const again = await api()
      .post(`${orgPath(a.organisationId)}/verify`)
      .set(coordinator.header);
    expect(again.status).toBe(409);
    expect(
      await AuditEntry.countDocuments({ action: 'organisation.verify', targetId: a.organisationId }),
    ).toBe(1);
  });

  test('when a coordinator rejects with a reason, then the employer sees it, and its correction resubmits it as pending', async () => {
    const a = await registerEmployer(t.app);
    const rejected = await api()
      .post(`${orgPath(a.organisationId)}/reject`)
      .set(coordinator.header)
      .send({ reason: '营业执照与信用代码不符' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '营业执照与信用代码不符' });
    expect(
      await AuditEntry.exists({ action: 'organisation.reject', targetId: a.organisationId }),
    ).not.toBeNull();
    const seen = await api().get(orgPath(a.organisationId)).set(a.header);
    expect(seen.body.rejectionReason).toBe('营业执照与信用代码不符');
    const fixed = await api()
      .patch(orgPath(a.organisationId))
      .set(a.header)
      .send({ creditCode: validCreditCode() });
    expect(fixed.body).toMatchObject({ status: 'pending', rejectionReason: null });
  });

  test('when two coordinators verify the same organisation at once, then exactly one succeeds and one audit entry is written', async () => {
    const a = await registerEmployer(t.app);
    const admin = await staffUser(t.app, 'admin');
    const results = await Promise.all([
      api()
        .post(`${orgPath(a.organisationId)}/verify`)
        .set(coordinator.header),
      api()
        .post(`${orgPath(a.organisationId)}/verify`)
        .set(admin.header),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      await AuditEntry.countDocuments({ action: 'organisation.verify', targetId: a.organisationId }),
    ).toBe(1);
  });
});

describe('lists', () => {
  test('when an employer lists organisations, then it sees only its own', async () => {
    const a = await registerEmployer(t.app);
    await registerEmployer(t.app);
    const res = await api().get('/api/v1/organisations').set(a.header);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0].id).toBe(a.organisationId);
  });

  test('when a coordinator filters by status, type, county and keyEnterprise, then only matching ones come back, sorted', async () => {
    const school = await registerEmployer(t.app, {
      verified: true,
      organisation: { type: 'school', county: '422801', name: '恩施测试学校' },
    });
    await registerEmployer(t.app, { organisation: { type: 'school', county: '422801' } });
    const res = await api()
      .get('/api/v1/organisations?status=verified&type=school&county=422801&keyEnterprise=false&sort=name')
      .set(coordinator.header);
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([school.organisationId]);
  });

  test('when paging past 100, an unknown filter or an operator is sent, then 400', async () => {
    for (const q of [
      'pageSize=101',
      'color=red',
      'status[$ne]=pending',
      'status=pending&status=verified',
      'keyEnterprise=yes',
    ]) {
      const res = await api().get(`/api/v1/organisations?${q}`).set(coordinator.header);
      expect([q, res.status]).toEqual([q, 400]);
    }
  });

  test('when several pages are read, then no organisation appears twice', async () => {
    await Promise.all([1, 2, 3].map(() => registerEmployer(t.app, { organisation: { county: '433101' } })));
    const pages = await Promise.all(
      [1, 2, 3].map((page) =>
        api()
          .get(`/api/v1/organisations?county=433101&pageSize=1&page=${page}&sort=createdAt`)
          .set(coordinator.header),
      ),
    );
    const ids = pages.flatMap((p) => p.body.items.map((o: { id: string }) => o.id));
    expect(new Set(ids).size).toBe(3);
    expect(pages[0].body.total).toBe(3);
  });
});
