import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { startTestApp, type TestApp } from '../support/app';
import type { SignedIn } from '../support/auth';
import { createExpertAs, registerExpert } from '../support/experts.factory';
import { registerEmployer } from '../support/organisations.factory';
import { engage, openNeedFor, staff } from './liaison-helpers';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  admin = await staff('admin', '管理员');
});
afterAll(() => t.close());

const assign = (who: SignedIn, expertId: string, liaisonId: string) =>
  request(t.app).put(`/api/v1/liaisons/experts/${expertId}`).set(who.header).send({ liaisonId });
const mine = async (who: SignedIn) => {
  const res = await request(t.app).get('/api/v1/liaisons/mine').set(who.header);
  expect(res.status).toBe(200);
  return res.body.items as Array<{ expertId: string; [k: string]: unknown }>;
};

describe('the office assigns and reassigns', () => {
  test('when a coordinator reassigns an expert, then the new liaison holds them and the change is audited', async () => {
    const a = await staff('coordinator', '张联络');
    const b = await staff('coordinator', '李联络');
    const expertId = await createExpertAs(t.app, a);
    expect((await assign(a, expertId, a.userId)).body.liaison.id).toBe(a.userId);

    const moved = await assign(admin, expertId, b.userId);
    expect(moved.status).toBe(200);
    expect(moved.body.liaison).toEqual({ id: b.userId, name: '李联络', officePhone: null });
    expect((await mine(a)).map((e) => e.expertId)).not.toContain(expertId);
    expect((await mine(b)).map((e) => e.expertId)).toEqual([expertId]);
    const audit = await AuditEntry.findOne({
      action: 'liaison.assign',
      targetId: expertId,
      actorId: admin.userId,
    }).lean();
    expect(audit?.details).toEqual({ liaisonId: b.userId, previousLiaisonId: a.userId });
  });

  test('when the liaison named is not an active coordinator, or the expert is unknown, then 409 naming the field, or 404', async () => {
    const a = await staff('coordinator', '王联络');
    const expertId = await createExpertAs(t.app, a);
    const notCoordinator = await assign(a, expertId, admin.userId);
    expect(notCoordinator.status).toBe(409);
    expect(notCoordinator.body.error.details).toEqual([
      { path: 'body.liaisonId', message: 'not an active coordinator' },
    ]);
    expect((await assign(a, '0123456789abcdef01234567', a.userId)).status).toBe(404);
  });
});

describe('contacts and my experts', () => {
  test('when the liaison records visits and calls, then they are listed newest first and my experts shows engagements and the last contact', async () => {
    const liaison = await staff('coordinator', '赵联络');
    const expertId = await createExpertAs(t.app, liaison, { name: '向德明' });
    await assign(liaison, expertId, liaison.userId);
    const target = await openNeedFor(t);
    await engage(t, liaison, target, expertId);

    const record = (body: Record<string, unknown>) =>
      request(t.app).post(`/api/v1/liaisons/experts/${expertId}/contacts`).set(liaison.header).send(body);
    const first = await record({
      date: '2026-03-02',
      kind: 'visit',
      summary: '上门走访，了解住宿情况',
      notes: '人才公寓\r\n一切正常',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'visit',
      notes: '人才公寓\n一切正常',
      recordedBy: { id: liaison.userId, name: '赵联络' },
    });
    expect((await record({ date: '2026-03-20', kind: 'call', summary: '电话回访' })).status).toBe(201);
    expect((await record({ date: '2026-03-10', kind: 'message', summary: '微信提醒体检' })).status).toBe(201);

    const list = await request(t.app)
      .get(`/api/v1/liaisons/experts/${expertId}/contacts`)
      .set(liaison.header);
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { date: string }) => c.date)).toEqual([
      '2026-03-20',
      '2026-03-10',
      '2026-03-02',
    ]);

    const [row] = await mine(liaison);
    expect(row).toMatchObject({
      expertId,
      name: '向德明',
      engagements: [{ needId: target.needId }],
      openServiceRequests: 0,
      overdueServiceRequests: 0,
      lastContact: { date: '2026-03-20', kind: 'call', summary: '电话回访' },
    });

    const page = await request(t.app).get('/api/v1/liaisons/mine').set(admin.header);
    expect(page.status).toBe(200);
  });
});

describe('handover', () => {
  test('when a liaison hands over to one coordinator, then every expert moves in one step, audited', async () => {
    const leaving = await staff('coordinator', '钱联络');
    const taking = await staff('coordinator', '孙联络');
    const ids: string[] = [];
    for (const _ of [1, 2, 3]) {
      const id = await createExpertAs(t.app, leaving);
      await assign(leaving, id, leaving.userId);
      ids.push(id);
    }
    const res = await request(t.app)
      .post('/api/v1/liaisons/handover')
      .set(leaving.header)
      .send({ from: leaving.userId, to: taking.userId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: leaving.userId,
      moved: 3,
      to: [{ liaisonId: taking.userId, experts: 3 }],
    });
    expect(await mine(leaving)).toEqual([]);
    expect((await mine(taking)).map((e) => e.expertId).sort()).toEqual([...ids].sort());
    expect(await AuditEntry.countDocuments({ action: 'liaison.handover', targetId: leaving.userId })).toBe(1);
  });

  test('when a disabled coordinator still holds experts, then the office sees them flagged and spreads them by load; a disabled one never receives', async () => {
    const leaving = await staff('coordinator', '周联络');
    for (const _ of [1, 2, 3, 4]) {
      const id = await createExpertAs(t.app, leaving);
      await assign(leaving, id, leaving.userId);
    }
    const disabled = await request(t.app)
      .post(`/api/v1/admin/users/${leaving.userId}/disable`)
      .set(admin.header);
    expect(disabled.status).toBe(200);

    const loads = await request(t.app).get('/api/v1/liaisons').set(admin.header);
    expect(loads.body.items).toContainEqual({
      id: leaving.userId,
      name: '周联络',
      active: false,
      experts: 4,
    });
    const toDisabled = await request(t.app)
      .post('/api/v1/liaisons/handover')
      .set(admin.header)
      .send({ from: admin.userId, to: leaving.userId });
    expect(toDisabled.status).toBe(409);

    const before = new Map<string, number>(
      loads.body.items
        .filter((i: { active: boolean }) => i.active)
        .map((i: { id: string; experts: number }) => [i.id, i.experts]),
    );
    const spread = await request(t.app)
      .post('/api/v1/liaisons/handover')
      .set(admin.header)
      .send({ from: leaving.userId });
    expect(spread.status).toBe(200);
    expect(spread.body.moved).toBe(4);
    const after = await request(t.app).get('/api/v1/liaisons').set(admin.header);
    const counts = after.body.items
      .filter((i: { active: boolean }) => i.active)
      .map((i: { experts: number }) => i.experts);
    expect(after.body.items.some((i: { id: string }) => i.id === leaving.userId)).toBe(false);
    // the four went to the least loaded: the spread of loads never widens
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(
      Math.max(1, Math.max(...before.values()) - Math.min(...before.values())),
    );
    expect(counts.reduce((s: number, n: number) => s + n, 0)).toBe(
      [...before.values()].reduce((s, n) => s + n, 0) + 4,
    );
  });
});

describe('who may see and do what', () => {
  test('when an expert asks, then they see only their own liaison with the office phone; employers see nothing; only staff write', async () => {
    const liaison = await staff('coordinator', '吴联络');
    const colleague = await staff('coordinator', '郑联络');
    const phone = await request(t.app)
      .put('/api/v1/liaisons/profile')
      .set(liaison.header)
      .send({ officePhone: '023-79223456' });
    expect(phone.status).toBe(200);
    const expert = await registerExpert(t.app);
    const other = await createExpertAs(t.app, liaison);
    await assign(liaison, expert.expertId, liaison.userId);
    await request(t.app)
      .post(`/api/v1/liaisons/experts/${expert.expertId}/contacts`)
      .set(liaison.header)
      .send({ date: '2026-04-01', kind: 'call', summary: '电话联系' });

    const own = await request(t.app)
      .get(`/api/v1/liaisons/experts/${expert.expertId}`)
      .set(expert.auth.header);
    expect(own.status).toBe(200);
    expect(own.body.liaison).toEqual({ id: liaison.userId, name: '吴联络', officePhone: '023-79223456' });
    expect(
      (await request(t.app).get(`/api/v1/liaisons/experts/${other}`).set(expert.auth.header)).status,
    ).toBe(404);
    for (const path of [`/experts/${expert.expertId}/contacts`, '/mine', '/']) {
      expect((await request(t.app).get(`/api/v1/liaisons${path}`).set(expert.auth.header)).status).toBe(403);
    }
    const contactBody = { date: '2026-04-02', kind: 'visit', summary: '我自己记' };
    expect(
      (
        await request(t.app)
          .post(`/api/v1/liaisons/experts/${expert.expertId}/contacts`)
          .set(expert.auth.header)
          .send(contactBody)
      ).status,
    ).toBe(403);
    expect((await assign(expert.auth, expert.expertId, colleague.userId)).status).toBe(403);

    const employer = await registerEmployer(t.app, { verified: true });
    expect(
      (await request(t.app).get(`/api/v1/liaisons/experts/${expert.expertId}`).set(employer.header)).status,
    ).toBe(403);
    expect(
      (await request(t.app).get(`/api/v1/liaisons/experts/${expert.expertId}/contacts`).set(employer.header))
        .status,
    ).toBe(403);
    expect(
      (
        await request(t.app)
          .post('/api/v1/liaisons/handover')
          .set(employer.header)
          .send({ from: liaison.userId })
      ).status,
    ).toBe(403);

    const read = await request(t.app)
      .get(`/api/v1/liaisons/experts/${expert.expertId}/contacts`)
      .set(colleague.header);
    expect(read.status).toBe(200);
    expect(read.body.items).toHaveLength(1);
  });

  test('when a contact is malformed, then 400 names each field and nothing is stored', async () => {
    const liaison = await staff('coordinator', '冯联络');
    const expertId = await createExpertAs(t.app, liaison);
    const post = (body: Record<string, unknown>) =>
      request(t.app).post(`/api/v1/liaisons/experts/${expertId}/contacts`).set(liaison.header).send(body);
    const bad = await post({ date: '2026-02-30', kind: 'email', summary: '第一行\n第二行' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.date',
      'body.kind',
      'body.summary',
    ]);
    const extra = await post({
      date: '2026-03-01',
      kind: 'call',
      summary: '正常',
      recordedBy: liaison.userId,
    });
    expect(extra.status).toBe(400);
    const handover = await request(t.app)
      .post('/api/v1/liaisons/handover')
      .set(liaison.header)
      .send({ from: 'nobody' });
    expect(handover.status).toBe(400);
    expect(handover.body.error.details[0].path).toBe('body.from');
    const list = await request(t.app)
      .get(`/api/v1/liaisons/experts/${expertId}/contacts`)
      .set(liaison.header);
    expect(list.body.items).toEqual([]);
  });
});
