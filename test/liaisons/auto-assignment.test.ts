import request from 'supertest';
import { Match } from '../../src/modules/matches/match.model';
import { currentQuotaYear } from '../../src/modules/organisations/quota.service';
import { startTestApp, type TestApp } from '../support/app';
import type { SignedIn } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { engage, openNeedFor, staff } from './liaison-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const liaisonOf = async (who: SignedIn, expertId: string) => {
  const res = await request(t.app).get(`/api/v1/liaisons/experts/${expertId}`).set(who.header);
  expect(res.status).toBe(200);
  return res.body.liaison?.id as string | undefined;
};

describe('a liaison for every engaged expert', () => {
  test('when experts become engaged, then each gets the least-loaded active coordinator, ties to the one whose last assignment is oldest', async () => {
    // created in this order, so their ids sort a < b < c
    const a = await staff('coordinator', '甲协调员');
    const b = await staff('coordinator', '乙协调员');
    const c = await staff('coordinator', '丙协调员');
    const target = await openNeedFor(t);

    // a already looks after two experts, assigned by the office
    for (const _ of [1, 2]) {
      const expertId = await createExpertAs(t.app, a);
      const res = await request(t.app)
        .put(`/api/v1/liaisons/experts/${expertId}`)
        .set(a.header)
        .send({ liaisonId: a.userId });
      expect(res.status).toBe(200);
    }

    const chosen: string[] = [];
    for (const _ of [1, 2, 3, 4]) {
      const expertId = await createExpertAs(t.app, a);
      await engage(t, a, target, expertId);
      chosen.push((await liaisonOf(a, expertId)) ?? 'none');
    }
    // loads a2 b0 c0 → b (tie by id) → c → b (b's last is older than c's) → c
    expect(chosen).toEqual([b.userId, c.userId, b.userId, c.userId]);

    const loads = await request(t.app).get('/api/v1/liaisons').set(b.header);
    expect(loads.status).toBe(200);
    const count = (id: string) => loads.body.items.find((i: { id: string }) => i.id === id)?.experts;
    expect([count(a.userId), count(b.userId), count(c.userId)]).toEqual([2, 2, 2]);
  });

  test('when an expert who already has a liaison is engaged again, then the liaison stays', async () => {
    const office = await staff('coordinator', '丁协调员');
    const target = await openNeedFor(t);
    const expertId = await createExpertAs(t.app, office);
    await engage(t, office, target, expertId);
    const first = await liaisonOf(office, expertId);
    expect(first).toBeDefined();

    const second = await openNeedFor(t);
    await engage(t, office, second, expertId);
    expect(await liaisonOf(office, expertId)).toBe(first);
  });

  test('when a key enterprise nominates an expert who has accepted but not started, then the expert gets a liaison in the same step', async () => {
    const office = await staff('coordinator', '戊协调员');
    const admin = await staff('admin', '管理员');
    const target = await openNeedFor(t);
    const expertId = await createExpertAs(t.app, office);
    const at = new Date();
    await Match.create({
      needId: target.needId,
      expertId,
      organisationId: target.employer.organisationId,
      status: 'accepted',
      offeredAt: at,
      history: [{ to: 'accepted', at, channel: 'system' }],
    });
    expect(await liaisonOf(office, expertId)).toBeUndefined();
    const granted = await request(t.app)
      .put(`/api/v1/organisations/${target.employer.organisationId}/quota`)
      .set(admin.header)
      .send({ year: currentQuotaYear(), granted: 2 });
    expect(granted.status).toBe(200);

    const nominated = await request(t.app)
      .post(`/api/v1/organisations/${target.employer.organisationId}/nominations`)
      .set(target.employer.header)
      .send({ kind: 'exclusive_expert', expertId });
    expect(nominated.status).toBe(201);
    expect(await liaisonOf(office, expertId)).toBeDefined();
  });
});
