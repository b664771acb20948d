import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import {
  findMatchableNeeds,
  isMatchable,
  loadMatchableNeed,
} from '../../src/modules/needs/matchable.service';
import { Need } from '../../src/modules/needs/need.model';
import {
  markNeedMatching,
  recordPlacement,
  releasePlacement,
} from '../../src/modules/needs/need-status.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createNeed, createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const api = () => request(t.app);
const step = (id: string, name: string, who: { Authorization: string }) =>
  api().post(`/api/v1/needs/${id}/${name}`).set(who);
const matchableIds = async () => (await findMatchableNeeds()).map((n) => String(n._id));

describe('opening and the matchable rule', () => {
  test('when the organisation is not verified, then opening is 409 ORGANISATION_NOT_VERIFIED, the need stays a draft and is not matchable', async () => {
    const e = await registerEmployer(t.app);
    const need = await createNeed(t.app, e.header);
    const res = await step(need.id, 'open', e.header);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ORGANISATION_NOT_VERIFIED');
    expect((await api().get(`/api/v1/needs/${need.id}`).set(e.header)).body.status).toBe('draft');
    expect((await loadMatchableNeed(need.id))?.matchable).toBe(false);
    expect(await matchableIds()).not.toContain(need.id);
  });

  test('when the organisation is verified through the coordinator and the need opened, then it is matchable', async () => {
    const e = await registerEmployer(t.app);
    const need = await createNeed(t.app, e.header);
    expect(
      (await api().post(`/api/v1/organisations/${e.organisationId}/verify`).set(coordinator.header)).status,
    ).toBe(200);
    const opened = await step(need.id, 'open', e.header);
    expect(opened.body).toMatchObject({ status: 'open', openedAt: expect.any(String) });
    expect((await loadMatchableNeed(need.id))?.matchable).toBe(true);
    expect(await matchableIds()).toContain(need.id);
  });

  test('when a verified organisation renames itself (back to pending), then its open need stops being matchable', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, e.header);
    expect(await matchableIds()).toContain(need.id);
    await api()
      .patch(`/api/v1/organisations/${e.organisationId}`)
      .set(e.header)
      .send({ name: '改名后的公司' });
    expect(await matchableIds()).not.toContain(need.id);
  });

  test('when isMatchable is asked about each status, then only open, matching and partially_filled of a verified organisation are', () => {
    const verified = { status: 'verified' as const };
    expect(isMatchable({ status: 'open' }, verified)).toBe(true);
    expect(isMatchable({ status: 'partially_filled' }, verified)).toBe(true);
    expect(isMatchable({ status: 'matching' }, { status: 'pending' })).toBe(false);
    for (const status of ['draft', 'filled', 'closed', 'cancelled'] as const)
      expect(isMatchable({ status }, verified)).toBe(false);
    expect(isMatchable({ status: 'open' }, null)).toBe(false);
  });
});

describe('cancel and close', () => {
  test('when an open need is cancelled, then it is cancelled; opening, closing or cancelling it again is 409 with nothing changed', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, e.header);
    const cancelled = await step(need.id, 'cancel', e.header);
    expect(cancelled.body.status).toBe('cancelled');
    for (const name of ['open', 'close', 'cancel']) {
      const res = await step(need.id, name, e.header);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'cancelled' } });
    }
    const after = await api().get(`/api/v1/needs/${need.id}`).set(e.header);
    expect(after.body.updatedAt).toBe(cancelled.body.updatedAt);
  });

  test('when a draft is closed, then 409 (a draft is cancelled, not closed); an open one closes', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const draft = await createNeed(t.app, e.header);
    expect((await step(draft.id, 'close', e.header)).status).toBe(409);
    const open = await createOpenNeed(t.app, e.header);
    expect((await step(open.id, 'close', e.header)).body.status).toBe('closed');
  });

  test('when a coordinator opens, closes and cancels needs of any organisation, then it works and each step is audit-logged', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const [x, y] = await Promise.all([createNeed(t.app, e.header), createNeed(t.app, e.header)]);
    expect((await step(x.id, 'open', coordinator.header)).status).toBe(200);
    expect((await step(x.id, 'close', coordinator.header)).status).toBe(200);
    expect((await step(y.id, 'cancel', coordinator.header)).status).toBe(200);
    const entries = await AuditEntry.find({ targetId: { $in: [x.id, y.id] } })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(entries.map((a) => a.action).sort()).toEqual(['need.cancel', 'need.close', 'need.open']);
  });

  test('when cancel and close race on one open need, then exactly one wins', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, e.header);
    const results = await Promise.all([
      step(need.id, 'cancel', e.header),
      step(need.id, 'close', coordinator.header),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('counters for the match workflow', () => {
  test('when experts are placed on a need wanting 2, then it goes partially_filled then filled, a third is refused, and a release reopens it', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, e.header, { expertsWanted: 2 });
    expect(await markNeedMatching(need.id)).toBe(true);
    expect(await markNeedMatching(need.id)).toBe(false);
    expect(await recordPlacement(need.id)).toMatchObject({ filledCount: 1, status: 'partially_filled' });
    expect(await recordPlacement(need.id)).toMatchObject({ filledCount: 2, status: 'filled' });
    expect(await recordPlacement(need.id)).toBeNull();
    expect(await matchableIds()).not.toContain(need.id);
    expect(await releasePlacement(need.id)).toMatchObject({ filledCount: 1, status: 'partially_filled' });
    expect(await releasePlacement(need.id)).toMatchObject({ filledCount: 0, status: 'matching' });
    expect(await releasePlacement(need.id)).toBeNull();
  });

  test('when placements race for the last opening, then filledCount never exceeds expertsWanted', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, e.header, { expertsWanted: 3 });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => recordPlacement(need.id)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await Need.findById(need.id).lean()).toMatchObject({ filledCount: 3, status: 'filled' });
  });

  test('when a priority need and an ordinary one are matchable, then findMatchableNeeds lists the priority one first', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const ordinary = await createOpenNeed(t.app, e.header);
    const nominated = await createOpenNeed(t.app, e.header);
    await Need.updateOne({ _id: nominated.id }, { $set: { priority: true } });
    const found = (await findMatchableNeeds({ needIds: [ordinary.id, nominated.id] })).map((n) =>
      String(n._id),
    );
    expect(found).toEqual([nominated.id, ordinary.id]);
    const ofOrganisation = await findMatchableNeeds({ organisationId: e.organisationId });
    expect(ofOrganisation.map((n) => String(n._id))).toEqual([nominated.id, ordinary.id]);
    const flagged = await api()
      .get(`/api/v1/needs?organisationId=${e.organisationId}&priority=true`)
      .set(coordinator.header);
    expect(flagged.body.items.map((n: { id: string }) => n.id)).toEqual([nominated.id]);
  });
});
