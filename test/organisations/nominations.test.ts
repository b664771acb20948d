import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Nomination } from '../../src/modules/organisations/nomination.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { createNeed, createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';
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
const { year, nominationsPath, nominateNeed, ledger, keyEnterprise } = quotaCalls(
  () => t.app,
  () => admin,
);

describe('spending and withdrawing', () => {
  test('when 2 units are granted, then two nominations succeed, the third is 409 with nothing changed, and a withdrawal lets the next one through', async () => {
    const e = await keyEnterprise(2);
    const [n1, n2, n3] = await Promise.all([1, 2, 3].map(() => createOpenNeed(t.app, e.header)));
    const first = await nominateNeed(e, n1.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'priority_need', needId: n1.id, status: 'active', year });
    expect((await nominateNeed(e, n2.id)).status).toBe(201);
    const before = await ledger(e);

    const third = await nominateNeed(e, n3.id);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('QUOTA_EXHAUSTED');
    expect(await ledger(e)).toEqual(before);
    const need3 = await api().get(`/api/v1/needs/${n3.id}`).set(e.header);
    expect(need3.body).toMatchObject({ priority: false, nominationId: null });
    const need1 = await api().get(`/api/v1/needs/${n1.id}`).set(e.header);
    expect(need1.body).toMatchObject({ priority: true, nominationId: first.body.id });

    const withdrawn = await api()
      .delete(`${nominationsPath(e)}/${first.body.id}`)
      .set(e.header);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await ledger(e)).toMatchObject({ used: 1, remaining: 1 });
    expect((await api().get(`/api/v1/needs/${n1.id}`).set(e.header)).body).toMatchObject({ priority: false });
    expect((await nominateNeed(e, n3.id)).status).toBe(201);

    const l = await ledger(e);
    expect(l).toMatchObject({ granted: 2, used: 2, remaining: 0 });
    expect(l.history.map((h: { kind: string }) => h.kind)).toEqual([
      'grant',
      'nomination',
      'nomination',
      'withdrawal',
      'nomination',
    ]);
    expect(l.activeNominations.map((n: { needId: string }) => n.needId).sort()).toEqual(
      [n2.id, n3.id].sort(),
    );
    const again = await api()
      .delete(`${nominationsPath(e)}/${first.body.id}`)
      .set(e.header);
    expect(again.status).toBe(409);
  });

  test('when a priority need is cancelled, then its nomination is withdrawn and the unit comes back', async () => {
    const e = await keyEnterprise(1);
    const need = await createOpenNeed(t.app, e.header);
    const nomination = await nominateNeed(e, need.id);
    expect(nomination.status).toBe(201);
    expect(await ledger(e)).toMatchObject({ used: 1, remaining: 0 });
    const cancelled = await api().post(`/api/v1/needs/${need.id}/cancel`).set(e.header);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', priority: false, nominationId: null });
    const l = await ledger(e);
    expect(l).toMatchObject({ used: 0, remaining: 1 });
    expect(l.history.at(-1).kind).toBe('withdrawal');
  });

  test('when two nominations race for the last unit, then exactly one succeeds and used never exceeds granted', async () => {
    const e = await keyEnterprise(1);
    const [a, b] = await Promise.all([createNeed(t.app, e.header), createNeed(t.app, e.header)]);
    const results = await Promise.all([nominateNeed(e, a.id), nominateNeed(e, b.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const l = await ledger(e);
    expect(l).toMatchObject({ granted: 1, used: 1, remaining: 0 });
    expect(l.history.filter((h: { kind: string }) => h.kind === 'nomination')).toHaveLength(1);
  });

  test('when the same need is nominated twice, even at once, then one is 409 and only one unit is spent', async () => {
    const e = await keyEnterprise(3);
    const need = await createNeed(t.app, e.header);
    const results = await Promise.all([nominateNeed(e, need.id), nominateNeed(e, need.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await nominateNeed(e, need.id)).status).toBe(409);
    const l = await ledger(e);
    expect(l).toMatchObject({ used: 1, remaining: 2 });
    expect(l.history.filter((h: { kind: string }) => h.kind === 'nomination')).toHaveLength(1);
  });

  test('when recording the nomination fails after the unit was spent, then the unit and its ledger line are given back', async () => {
    const e = await keyEnterprise(1);
    const need = await createNeed(t.app, e.header);
    // An active nomination the need's flag does not show yet: the unique index refuses the second one.
    await Nomination.create({
      organisationId: e.organisationId,
      year,
      kind: 'priority_need',
      needId: need.id,
      createdBy: e.userId,
    });
    const res = await nominateNeed(e, need.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_NOMINATED');
    const l = await ledger(e);
    expect(l).toMatchObject({ used: 0, remaining: 1 });
    expect(l.history.map((h: { kind: string }) => h.kind)).toEqual(['grant']);
  });

  test('when a coordinator nominates on the organisation’s behalf, then it succeeds and is audit-logged', async () => {
    const e = await keyEnterprise(1);
    const need = await createNeed(t.app, e.header);
    const res = await nominateNeed(e, need.id, coordinator.header);
    expect(res.status).toBe(201);
    expect(await AuditEntry.exists({ action: 'quota.nominate', targetId: e.organisationId })).not.toBeNull();
  });

  test('when the need is another organisation’s or cancelled, or the body is malformed, then 404/409/400 and nothing is spent', async () => {
    const e = await keyEnterprise(2);
    const other = await registerEmployer(t.app, { verified: true });
    const foreign = await createNeed(t.app, other.header);
    expect((await nominateNeed(e, foreign.id)).status).toBe(404);
    const cancelled = await createNeed(t.app, e.header);
    await api().post(`/api/v1/needs/${cancelled.id}/cancel`).set(e.header);
    expect((await nominateNeed(e, cancelled.id)).body.error.code).toBe('NEED_NOT_NOMINATABLE');
    const bad = [
      { kind: 'vip', needId: foreign.id },
      { kind: 'priority_need', needId: { $ne: null } },
      { kind: 'priority_need', needId: foreign.id, used: 0 },
    ];
    for (const body of bad)
      expect((await api().post(nominationsPath(e)).set(e.header).send(body)).status).toBe(400);
    expect(await ledger(e)).toMatchObject({ used: 0, remaining: 2 });
  });
});

describe('exclusive expert track', () => {
  async function expert(status: 'active' | 'deleted' = 'active') {
    const doc = await Expert.create({ name: '王专家', email: uniqueEmail('expert'), status });
    return String(doc._id);
  }
  const engage = (e: Employer, expertId: string, needId: string) =>
    Match.create({ needId, expertId, organisationId: e.organisationId, status: 'engaged' });
  const nominateExpert = (e: Employer, expertId: string) =>
    api().post(nominationsPath(e)).set(e.header).send({ kind: 'exclusive_expert', expertId });

  test('when an engaged expert is nominated, then a unit is spent; another organisation cannot take the same expert', async () => {
    const e = await keyEnterprise(1);
    const other = await keyEnterprise(1);
    const x = await expert();
    await engage(e, x, (await createNeed(t.app, e.header)).id);
    await engage(other, x, (await createNeed(t.app, other.header)).id);
    const res = await nominateExpert(e, x);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'exclusive_expert', expertId: x, needId: null });
    const taken = await nominateExpert(other, x);
    expect(taken.status).toBe(409);
    expect(await ledger(other)).toMatchObject({ used: 0, remaining: 1 });
  });

  test('when the expert is not engaged by the organisation or deleted, then 409 or 404 and nothing is spent', async () => {
    const e = await keyEnterprise(1);
    expect((await nominateExpert(e, await expert())).body.error.code).toBe('EXPERT_NOT_ENGAGED');
    expect((await nominateExpert(e, await expert('deleted'))).status).toBe(404);
    expect(await ledger(e)).toMatchObject({ used: 0 });
  });
});
