import request from 'supertest';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let employer: Employer;
let coordinator: SignedIn;
/** Both meet the cardiology need; `keen` shows interest, `other` does not. */
let keen: RegisteredExpert;
let other: RegisteredExpert;
let needId: string;

/** A cardiology need the expert of buildExpert() meets. */
const cardiology = (overrides: Record<string, unknown> = {}) => ({
  field: 'health',
  mustHaveSkills: ['health.cardiology.arrhythmia'],
  niceToHaveSkills: [],
  mode: 'onsite',
  county: '500114',
  ...overrides,
});

const interest = (id = needId) => `/api/v1/needs/${id}/interest`;
const candidates = async (id = needId) =>
  (await request(t.app).get(`/api/v1/needs/${id}/candidates`).set(coordinator.header)).body;

beforeAll(async () => {
  t = await startTestApp();
  [employer, coordinator, keen, other] = await Promise.all([
    registerEmployer(t.app, { verified: true }),
    staffUser(t.app, 'coordinator'),
    // fewer years than `other`: without interest they would rank below
    registerExpert(t.app, { yearsOfExperience: 5 }),
    registerExpert(t.app, { yearsOfExperience: 40 }),
  ]);
  needId = (await createOpenNeed(t.app, employer.header, cardiology({ title: '黔江心内科驻点' }))).id;
});
afterAll(() => t.close());

describe('expressions of interest', () => {
  test('when an expert who meets the need says they are interested, then it is recorded once (a repeat is idempotent) and listed as theirs', async () => {
    const first = await request(t.app)
      .post(interest())
      .set(keen.auth.header)
      .send({ note: '  可以下个月开始，每周两天。 ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ needId, note: '可以下个月开始，每周两天。', withdrawable: true });
    const again = await request(t.app).post(interest()).set(keen.auth.header).send({ note: '另一段' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const mine = await request(t.app).get('/api/v1/experts/me/interests').set(keen.auth.header);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([{ ...first.body, needTitle: '黔江心内科驻点' }]);
    const staff = await request(t.app).get(`/api/v1/needs/${needId}/interests`).set(coordinator.header);
    expect(staff.body.items).toEqual([
      expect.objectContaining({ expertId: keen.expertId, note: '可以下个月开始，每周两天。' }),
    ]);
  });

  test('when the need is ranked, then the interested expert comes first, marked with the note, the interest is a worded factor and the snapshot names weights v3', async () => {
    await rankNeed(t.ctx, needId);
    const snap = await candidates();
    expect(snap.engineVersion).toBe('v3');
    const [first, ...rest] = snap.candidates;
    expect(first).toMatchObject({
      expertId: keen.expertId,
      interest: { note: '可以下个月开始，每周两天。' },
    });
    const otherRow = rest.find((c: { expertId: string }) => c.expertId === other.expertId);
    expect(otherRow.interest).toBeNull();
    type Factor = { feature: string; weight: number; reason: { 'zh-CN': string; en: string } };
    const factor = (c: { contributions: Factor[] }) => c.contributions.find((k) => k.feature === 'interest');
    // 10 of 100 points in v3, scaled up a little as this need has no nice-to-have skills
    expect(factor(first)).toMatchObject({ value: 1, points: factor(first)?.weight });
    expect(factor(first)?.weight).toBeGreaterThanOrEqual(10);
    expect(factor(first)?.reason).toEqual({
      'zh-CN': '本人已表示对该需求有意向',
      en: 'Said they are interested in this need',
    });
    expect(factor(otherRow)).toMatchObject({ value: 0, points: 0 });
    // the explanation computed now says the same
    const why = await request(t.app)
      .get(`/api/v1/needs/${needId}/candidates/${keen.expertId}/explanation`)
      .set(coordinator.header);
    expect(why.body.score).toBe(first.score);
  });

  test('when an employer looks at its need, then nothing says who showed interest', async () => {
    const denied = await request(t.app).get(`/api/v1/needs/${needId}/interests`).set(employer.header);
    expect(denied.status).toBe(403);
    expect((await request(t.app).get(`/api/v1/needs/${needId}/candidates`).set(employer.header)).status).toBe(
      403,
    );
    const api = await Promise.all(
      [`/api/v1/needs/${needId}`, '/api/v1/needs', '/api/v1/matches'].map((url) =>
        request(t.app).get(url).set(employer.header),
      ),
    );
    const { agent } = await pageAgent(t.app, employer.email);
    const pages = await Promise.all(['/employer', `/employer/needs/${needId}`].map((url) => agent.get(url)));
    for (const v of [...api, ...pages]) {
      expect(v.status).toBe(200);
      const text = JSON.stringify(v.body) + v.text;
      expect(text).not.toContain(keen.expertId);
      expect(text).not.toContain('可以下个月开始');
    }
  });

  test('when the expert withdraws before any proposal, then the interest is gone; once proposed, withdrawing is refused', async () => {
    const gone = await request(t.app).delete(interest()).set(keen.auth.header);
    expect(gone.status).toBe(204);
    expect((await request(t.app).delete(interest()).set(keen.auth.header)).status).toBe(404);
    expect(
      (await request(t.app).get('/api/v1/experts/me/interests').set(keen.auth.header)).body.items,
    ).toEqual([]);
    await request(t.app).post(interest()).set(keen.auth.header).send({});
    await rankNeed(t.ctx, needId);
    const proposed = await request(t.app)
      .post(`/api/v1/needs/${needId}/matches`)
      .set(coordinator.header)
      .send({ expertId: keen.expertId });
    expect(proposed.status).toBe(201);
    // the interest skipped nothing: the proposal waits for the coordinator's confirmation
    expect(proposed.body.status).toBe('proposed');
    const refused = await request(t.app).delete(interest()).set(keen.auth.header);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PROPOSAL_MADE');
    const mine = await request(t.app).get('/api/v1/experts/me/interests').set(keen.auth.header);
    expect(mine.body.items[0].withdrawable).toBe(false);
  });

  test('when the expert misses a requirement, then 409 NOT_ELIGIBLE names it in words, and nothing is recorded', async () => {
    const far = (
      await createOpenNeed(t.app, employer.header, cardiology({ title: '远方', mode: 'periodic' }))
    ).id;
    const res = await request(t.app).post(interest(far)).set(other.auth.header).send({});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOT_ELIGIBLE');
    expect(res.body.error.details.reasons).toEqual([
      expect.objectContaining({
        filter: 'mode',
        reason: expect.objectContaining({ 'zh-CN': expect.any(String) }),
      }),
    ]);
    const staff = await request(t.app).get(`/api/v1/needs/${far}/interests`).set(coordinator.header);
    expect(staff.body.items).toEqual([]);
  });

  test('when a paused expert says they are interested, then 409 EXPERT_PAUSED', async () => {
    const pausing = await registerExpert(t.app);
    await request(t.app)
      .patch('/api/v1/experts/me')
      .set(pausing.auth.header)
      .send({ availability: { paused: true } })
      .expect(200);
    const res = await request(t.app).post(interest()).set(pausing.auth.header).send({});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EXPERT_PAUSED');
  });

  test('when the note is too long or an unknown key is sent, then 400 names the field', async () => {
    const long = await request(t.app)
      .post(interest())
      .set(other.auth.header)
      .send({ note: '长'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([expect.objectContaining({ path: 'body.note' })]);
    const extra = await request(t.app).post(interest()).set(other.auth.header).send({ urgent: true });
    expect(extra.status).toBe(400);
  });
});
