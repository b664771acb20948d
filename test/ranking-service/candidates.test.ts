import request from 'supertest';
import { anonymiseExpert } from '../../src/modules/experts/expert-erasure.service';
import { Need } from '../../src/modules/needs/need.model';
import { runBatch } from '../../src/modules/ranking/batch.service';
import { rankNeed, refreshForExpert } from '../../src/modules/ranking/ranking.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { openApiContract } from '../support/openapi-contract';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let documented: Awaited<ReturnType<typeof openApiContract>>;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
  documented = await openApiContract(t.app);
});
afterAll(() => t.close());

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

describe('ranking a need into a candidate snapshot', () => {
  test('when a need is ranked, then coordinators see eligible experts best first, each explained, and not the ineligible', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const near = await createExpertAs(t.app, coordinator, {
      ...TEA,
      name: '近处专家',
      residenceCounty: '500114',
    });
    const far = await createExpertAs(t.app, coordinator, {
      ...TEA,
      name: '远处专家',
      residenceCounty: '422801',
      yearsOfExperience: 10,
      honours: [],
    });
    const nurse = await createExpertAs(t.app, coordinator, { name: '护理专家' }); // health only: wrong field
    const need = await createOpenNeed(t.app, employer.header, { mode: 'periodic' });

    const snapshot = await rankNeed(t.ctx, need.id);
    expect(snapshot).not.toBeNull();
    const res = await request(t.app).get(`/api/v1/needs/${need.id}/candidates`).set(coordinator.header);
    expect(res.status).toBe(200);
    documented('get', '/api/v1/needs/{id}/candidates', 200, res.body);
    const ids = res.body.candidates.map((c: { expertId: string }) => c.expertId);
    expect(ids).toEqual(expect.arrayContaining([near, far]));
    expect(ids).not.toContain(nurse);
    const first = res.body.candidates[0];
    const total = first.contributions.reduce((s: number, c: { points: number }) => s + c.points, 0);
    expect(total).toBeCloseTo(first.score, 2);
    expect(first.contributions[0].reason['zh-CN']).toEqual(expect.any(String));
    expect((await Need.findById(need.id).lean())?.status).toBe('matching');

    const whyNot = await request(t.app)
      .get(`/api/v1/needs/${need.id}/candidates/${nurse}/explanation`)
      .set(coordinator.header);
    expect(whyNot.body.excluded).toBe(true);
    documented('get', '/api/v1/needs/{id}/candidates/{expertId}/explanation', 200, whyNot.body);
    expect(whyNot.body.reasons.map((r: { filter: string }) => r.filter)).toContain('field');
    const why = await request(t.app)
      .get(`/api/v1/needs/${need.id}/candidates/${near}/explanation`)
      .set(coordinator.header);
    expect(why.body.excluded).toBe(false);
    documented('get', '/api/v1/needs/{id}/candidates/{expertId}/explanation', 200, why.body);
  });

  test('when the employer asks for the candidate list, then it is refused (coordinators pick)', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, employer.header);
    await rankNeed(t.ctx, need.id);
    expect(
      (await request(t.app).get(`/api/v1/needs/${need.id}/candidates`).set(employer.header)).status,
    ).toBe(403);
  });

  test('when a profile is edited, then the next ranking sees the change without a rebuild', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const expert = await createExpertAs(t.app, coordinator, { ...TEA, name: '将暂停的专家' });
    const need = await createOpenNeed(t.app, employer.header);
    const before = await rankNeed(t.ctx, need.id);
    expect(before?.candidates.map((c) => String(c.expertId))).toContain(expert);
    const res = await request(t.app)
      .patch(`/api/v1/experts/${expert}`)
      .set(coordinator.header)
      .send({ availability: { paused: true, pauseReason: '住院' } });
    expect(res.status).toBe(200);
    const after = await rankNeed(t.ctx, need.id);
    expect(after?.candidates.map((c) => String(c.expertId))).not.toContain(expert);
  });

  test('when a listed expert is paused or erased, or a new one qualifies, then the lists they move in are re-ranked without a manual rank', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const paused = await createExpertAs(t.app, coordinator, { ...TEA, name: '刚暂停的专家' });
    const need = await createOpenNeed(t.app, employer.header);
    const other = await createOpenNeed(t.app, employer.header, {
      field: 'law',
      mustHaveSkills: [],
      niceToHaveSkills: [],
    });
    await rankNeed(t.ctx, need.id);
    await rankNeed(t.ctx, other.id);
    const listed = async (needId: string) =>
      (
        await request(t.app).get(`/api/v1/needs/${needId}/candidates`).set(coordinator.header)
      ).body.candidates.map((c: { expertId: string }) => c.expertId);
    expect(await listed(need.id)).toContain(paused);

    await request(t.app)
      .patch(`/api/v1/experts/${paused}`)
      .set(coordinator.header)
      .send({ availability: { paused: true } });
    const refreshed = await refreshForExpert(t.ctx, paused);
    expect(refreshed).toContain(need.id);
    expect(refreshed).not.toContain(other.id); // a list the expert was never in is left alone
    expect(await listed(need.id)).not.toContain(paused);

    const newcomer = await createExpertAs(t.app, coordinator, { ...TEA, name: '新来的专家' });
    expect(await refreshForExpert(t.ctx, newcomer)).toContain(need.id);
    expect(await listed(need.id)).toContain(newcomer);

    const erased = await createExpertAs(t.app, coordinator, { ...TEA, name: '将注销的专家' });
    await refreshForExpert(t.ctx, erased);
    expect(await listed(need.id)).toContain(erased);
    await anonymiseExpert(t.ctx, erased);
    await refreshForExpert(t.ctx, erased);
    expect(await listed(need.id)).not.toContain(erased);
  });

  test('when a coordinator confirms or turns down a ranked candidate over the API, then it takes one call each, as on the page', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const first = await createExpertAs(t.app, coordinator, { ...TEA, name: '一步确认的专家' });
    const second = await createExpertAs(t.app, coordinator, { ...TEA, name: '一步不采用的专家' });
    const outsider = await createExpertAs(t.app, coordinator, { name: '不在名单的专家' });
    const need = await createOpenNeed(t.app, employer.header, { employerApproval: false, expertsWanted: 2 });
    await rankNeed(t.ctx, need.id);
    const base = `/api/v1/needs/${need.id}/candidates`;
    const confirmed = await request(t.app).post(`${base}/${first}/confirm`).set(coordinator.header);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('offered');
    documented('post', '/api/v1/needs/{id}/candidates/{expertId}/confirm', 200, confirmed.body);
    const again = await request(t.app).post(`${base}/${first}/confirm`).set(coordinator.header);
    expect(again.status).toBe(409);
    documented('post', '/api/v1/needs/{id}/candidates/{expertId}/confirm', 409, again.body);
    const rejected = await request(t.app)
      .post(`${base}/${second}/reject`)
      .set(coordinator.header)
      .send({ reason: '专业方向与岗位不完全吻合' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    documented('post', '/api/v1/needs/{id}/candidates/{expertId}/reject', 200, rejected.body);
    const notListed = await request(t.app).post(`${base}/${outsider}/confirm`).set(coordinator.header);
    expect(notListed.status).toBe(409);
    expect(notListed.body.error.code).toBe('NOT_A_CANDIDATE');
    expect((await request(t.app).post(`${base}/${first}/confirm`).set(employer.header)).status).toBe(403);
  });

  test('when a need is not matchable (organisation unverified), then ranking leaves it alone', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, employer.header);
    await request(t.app).post(`/api/v1/needs/${need.id}/cancel`).set(employer.header);
    expect(await rankNeed(t.ctx, need.id)).toBeNull();
  });
});

describe('the batch assignment', () => {
  test('when a coordinator runs a batch, then recommendations respect capacity and greedy is reported beside it', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const solo = await createExpertAs(t.app, coordinator, {
      ...TEA,
      name: '单位专家',
      availability: {
        windows: [{ from: '2026-01-01', to: '2026-12-31' }],
        daysPerMonth: 10,
        maxConcurrent: 1,
      },
    });
    const a = await createOpenNeed(t.app, employer.header, { expertsWanted: 1 });
    const b = await createOpenNeed(t.app, employer.header, { expertsWanted: 1 });
    const res = await request(t.app).post('/api/v1/matching/batch-runs').set(coordinator.header);
    expect(res.status).toBe(202);
    const run = await runBatch(t.ctx, res.body.runId);
    expect(run?.status).toBe('done');
    expect(run?.greedyTotal).toEqual(expect.any(Number));
    expect(run!.total!).toBeGreaterThanOrEqual(run!.greedyTotal!);
    const soloPicks = run!.recommendations.filter((r) => String(r.expertId) === solo);
    expect(soloPicks.length).toBeLessThanOrEqual(1);
    const view = await request(t.app)
      .get(`/api/v1/matching/batch-runs/${res.body.runId}`)
      .set(coordinator.header);
    expect(view.body.status).toBe('done');
    for (const needId of [a.id, b.id]) {
      const snap = await request(t.app).get(`/api/v1/needs/${needId}/candidates`).set(coordinator.header);
      const marked = snap.body.candidates.filter((c: { recommended: boolean }) => c.recommended);
      const expected = run!.recommendations.filter((r) => String(r.needId) === needId);
      expect(marked.map((c: { expertId: string }) => c.expertId).sort()).toEqual(
        expected.map((r) => String(r.expertId)).sort(),
      );
    }
    // Running the same run again does nothing.
    expect(await runBatch(t.ctx, res.body.runId)).toBeNull();
  });
});
