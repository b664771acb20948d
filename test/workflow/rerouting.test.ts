import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { createExpertAs, tokenFor } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { eventually, startWorkflowHarness, type WorkflowHarness } from './workflow-harness';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await startWorkflowHarness({ OFFER_DEADLINE_SECONDS: '4', OFFER_REMINDER_SECONDS_BEFORE: '2' });
  await h.startWorker();
});
afterAll(() => h.close());

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

/** A need with three candidates, ranked by the worker; returns ids best first. */
async function rankedNeed(label: string) {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const experts: string[] = [];
  for (const [i, years] of [40, 30, 20].entries()) {
    experts.push(
      await createExpertAs(h.t.app, h.coordinator, {
        ...TEA,
        name: `${label}专家${i}`,
        yearsOfExperience: years,
      }),
    );
  }
  const need = await createOpenNeed(h.t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  const snapshot = await eventually(async () => {
    const res = await request(h.t.app).get(`/api/v1/needs/${need.id}/candidates`).set(h.coordinator.header);
    const ids: string[] =
      res.status === 200 ? res.body.candidates.map((c: { expertId: string }) => c.expertId) : [];
    return experts.every((e) => ids.includes(e)) ? ids : undefined;
  });
  return { employer, need, experts, ranked: snapshot.filter((id) => experts.includes(id)) };
}

/** The best candidate on the need's current list that has not been tried yet. */
async function nextBest(needId: string, tried: string[]) {
  const res = await request(h.t.app).get(`/api/v1/needs/${needId}/candidates`).set(h.coordinator.header);
  return res.body.candidates
    .map((c: { expertId: string }) => c.expertId)
    .find((id: string) => !tried.includes(id));
}

async function offerTo(needId: string, expertId: string) {
  const proposed = await request(h.t.app)
    .post(`/api/v1/needs/${needId}/matches`)
    .set(h.coordinator.header)
    .send({ expertId });
  expect(proposed.status).toBe(201);
  const confirmed = await request(h.t.app)
    .post(`/api/v1/matches/${proposed.body.id}/confirm`)
    .set(h.coordinator.header);
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('offered');
  return confirmed.body.id as string;
}

async function expertAuth(expertId: string) {
  const expert = await Expert.findById(expertId).lean();
  const user = await User.findById(expert?.userId).lean();
  return tokenFor(String(user?._id), String(user?.email));
}

describe('when an offer falls through, the next candidate is proposed', () => {
  test('when the expert declines, then the next best candidate is proposed and the coordinator is told', async () => {
    const { need, ranked } = await rankedNeed('谢绝');
    const matchId = await offerTo(need.id, ranked[0]);
    const auth = await expertAuth(ranked[0]);
    const res = await request(h.t.app)
      .post(`/api/v1/matches/${matchId}/answer`)
      .set(auth.header)
      .send({ answer: 'decline', reason: '家中有事' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('declined');
    const next = await eventually(() =>
      Match.findOne({
        needId: need.id,
        status: 'proposed',
        history: { $elemMatch: { channel: 'system' } },
      }).lean(),
    );
    expect(String(next.expertId)).toBe(ranked[1]);
    await h.sink.waitFor(
      (m) => m.to.includes(h.coordinator.email) && /谢绝|declined|婉拒/.test(m.subject + m.text),
    );
    const expert = await Expert.findById(ranked[0]).lean();
    expect(expert?.pendingOffers).toBe(0);
  });

  test('when nobody answers, then a reminder is sent, the offer expires by the delayed job and the place is re-routed', async () => {
    const { need, ranked } = await rankedNeed('沉默');
    const matchId = await offerTo(need.id, ranked[0]);
    const expert = await Expert.findById(ranked[0]).lean();
    await h.sink.waitFor((m) => m.to.includes(String(expert?.email)) && m.text.includes('/offers/respond'));
    const reminders = () => h.sink.filter((m) => m.to.includes(String(expert?.email)));
    await eventually(async () => reminders().length >= 2);
    const expired = await eventually(async () => {
      const m = await Match.findById(matchId).lean();
      return m?.status === 'expired' ? m : undefined;
    });
    expect(expired.history.map((x) => x.to)).toEqual(['proposed', 'confirmed', 'offered', 'expired']);
    const next = await eventually(() => Match.findOne({ needId: need.id, status: 'proposed' }).lean());
    expect(String(next.expertId)).toBe(await nextBest(need.id, [ranked[0]]));
    await h.sink.waitFor((m) => m.to.includes(h.coordinator.email) && m.subject.includes('过期'));
    expect(reminders()).toHaveLength(2); // the offer and exactly one reminder
  });

  test('when a coordinator records an answer given by phone, then it counts with its channel and the need fills', async () => {
    const { need, ranked } = await rankedNeed('电话');
    const matchId = await offerTo(need.id, ranked[0]);
    const res = await request(h.t.app)
      .post(`/api/v1/matches/${matchId}/answer`)
      .set(h.coordinator.header)
      .send({ answer: 'accept', channel: 'phone' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('engaged');
    const accepted = res.body.history.find((x: { to: string }) => x.to === 'accepted');
    expect(accepted).toMatchObject({ channel: 'phone', byRole: 'coordinator' });
    const needNow = await request(h.t.app).get(`/api/v1/needs/${need.id}`).set(h.coordinator.header);
    expect(needNow.body).toMatchObject({ filledCount: 1, status: 'filled' });
    const again = await request(h.t.app)
      .post(`/api/v1/matches/${matchId}/answer`)
      .set(h.coordinator.header)
      .send({ answer: 'decline', channel: 'phone' });
    expect(again.status).toBe(409);
  });
});
