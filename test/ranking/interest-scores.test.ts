import request from 'supertest';
import { runBatch } from '../../src/modules/ranking/batch.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
/** Two experts with the same profile: they tie for the need's one place. */
let twins: RegisteredExpert[];
let needId: string;

interface Candidate {
  expertId: string;
  score: number;
  recommended: boolean;
  contributions: Array<{ feature: string; value: number; points: number }>;
}

const candidates = async () => {
  await rankNeed(t.ctx, needId);
  const res = await request(t.app).get(`/api/v1/needs/${needId}/candidates`).set(coordinator.header);
  expect(res.status).toBe(200);
  return res.body as { engineVersion: string; candidates: Candidate[] };
};

/** Runs a batch over every open need; the experts it recommends for the need. */
const batchPicks = async () => {
  const res = await request(t.app).post('/api/v1/matching/batch-runs').set(coordinator.header);
  expect(res.status).toBe(202);
  const run = await runBatch(t.ctx, res.body.runId);
  return (run?.recommendations ?? [])
    .filter((r) => String(r.needId) === needId)
    .map((r) => ({ expertId: String(r.expertId), score: r.score }));
};

/** The need as the expert's "needs for me" shows it. */
const asSeenBy = async (expert: RegisteredExpert) => {
  const res = await request(t.app).get('/api/v1/experts/me/recommended-needs').set(expert.auth.header);
  expect(res.status).toBe(200);
  const item = res.body.items.find((i: { need: { id: string } }) => i.need.id === needId);
  return { engineVersion: res.body.engineVersion as string, item };
};

const interestRow = (c: { contributions: Candidate['contributions'] }) =>
  c.contributions.find((k) => k.feature === 'interest');

beforeAll(async () => {
  t = await startTestApp();
  const [employer, staff, ...experts] = await Promise.all([
    registerEmployer(t.app, { verified: true }),
    staffUser(t.app, 'coordinator'),
    registerExpert(t.app),
    registerExpert(t.app),
  ]);
  coordinator = staff;
  twins = experts;
  needId = (
    await createOpenNeed(t.app, employer.header, {
      field: 'health',
      mustHaveSkills: ['health.cardiology.arrhythmia'],
      niceToHaveSkills: [],
      mode: 'onsite',
      county: '500114',
      expertsWanted: 1,
    })
  ).id;
});
afterAll(() => t.close());

describe('interest in the batch assignment and in the expert’s own list', () => {
  let keen: RegisteredExpert;
  let other: RegisteredExpert;

  test('when two experts tie for a need’s one place, then the batch recommends the one who showed interest, with the coordinator’s score', async () => {
    const tied = await candidates();
    expect(tied.candidates.map((c) => c.score)).toEqual([tied.candidates[0].score, tied.candidates[0].score]);
    const [first] = await batchPicks();
    expect(twins.map((x) => x.expertId)).toContain(first.expertId);
    // the one who lost the tie shows interest
    keen = twins.find((x) => x.expertId !== first.expertId) as RegisteredExpert;
    other = twins.find((x) => x.expertId === first.expertId) as RegisteredExpert;
    const shown = await request(t.app)
      .post(`/api/v1/needs/${needId}/interest`)
      .set(keen.auth.header)
      .send({});
    expect(shown.status).toBe(201);

    const picks = await batchPicks();
    const listed = await candidates();
    expect(picks.map((p) => p.expertId)).toEqual([keen.expertId]);
    const row = listed.candidates.find((c) => c.expertId === keen.expertId) as Candidate;
    expect(picks[0].score).toBe(row.score);
    expect(interestRow(row)).toMatchObject({ value: 1 });
    expect(row.score).toBeGreaterThan(first.score);
    expect(listed.candidates.filter((c) => c.recommended).map((c) => c.expertId)).toEqual([keen.expertId]);
  });

  test('when each expert looks at their needs, then the need is scored factor by factor as the coordinator sees the pair, interest included', async () => {
    const listed = await candidates();
    for (const expert of [keen, other]) {
      const seen = await asSeenBy(expert);
      const coordinators = listed.candidates.find((c) => c.expertId === expert.expertId) as Candidate;
      expect(seen.engineVersion).toBe(listed.engineVersion);
      expect(seen.item).toMatchObject({
        score: coordinators.score,
        contributions: coordinators.contributions,
      });
    }
    expect(interestRow((await asSeenBy(keen)).item)).toMatchObject({ value: 1 });
    expect(interestRow((await asSeenBy(other)).item)).toMatchObject({ value: 0, points: 0 });

    // withdrawn: the interest factor no longer applies, and the two tie again
    expect(
      (await request(t.app).delete(`/api/v1/needs/${needId}/interest`).set(keen.auth.header)).status,
    ).toBe(204);
    const [mine, theirs] = await Promise.all([asSeenBy(keen), asSeenBy(other)]);
    expect(interestRow(mine.item)).toBeUndefined();
    expect(mine.item.score).toBe(theirs.item.score);
    const after = await candidates();
    expect(after.candidates.find((c) => c.expertId === keen.expertId)?.score).toBe(mine.item.score);
  });
});
