import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { MATCHING_QUEUE, type MatchingJobData } from '../../src/modules/ranking/ranking.jobs';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs, registerExpert, tokenFor } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let employer: Employer;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
  employer = await registerEmployer(t.app, { verified: true });
});
afterAll(() => t.close());

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

async function authOf(expertId: string) {
  const expert = await Expert.findById(expertId).lean();
  const user = await User.findById(expert?.userId).lean();
  return tokenFor(String(user?._id), String(user?.email));
}

/** The expert engaged for a new need (one place) through the lifecycle: proposed, confirmed, accepted. */
async function engaged(expertId: string) {
  const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  await rankNeed(t.ctx, need.id);
  const proposed = await request(t.app)
    .post(`/api/v1/needs/${need.id}/matches`)
    .set(coordinator.header)
    .send({ expertId });
  expect(proposed.status).toBe(201);
  const offered = await request(t.app)
    .post(`/api/v1/matches/${proposed.body.id}/confirm`)
    .set(coordinator.header);
  expect(offered.body.status).toBe('offered');
  const auth = await authOf(expertId);
  const accepted = await request(t.app)
    .post(`/api/v1/matches/${proposed.body.id}/answer`)
    .set(auth.header)
    .send({ answer: 'accept' });
  expect(accepted.body.status).toBe('engaged');
  return { needId: need.id, matchId: proposed.body.id as string, auth };
}

const rerouteJobs = async (needId: string) =>
  (await t.ctx.queues.get<MatchingJobData>(MATCHING_QUEUE).getJobs(['waiting', 'delayed', 'active'])).filter(
    (j) => j?.data.kind === 'rank' && j.data.needId === needId && j.data.reroute === true,
  );

describe('an expert steps back from a job', () => {
  test('when an engaged expert withdraws with a reason, then the match is withdrawn with history, places are freed, employer and coordinator are emailed, and the need is re-routed', async () => {
    const expertId = await createExpertAs(t.app, coordinator, { ...TEA, name: '退出专家甲' });
    const { needId, matchId, auth } = await engaged(expertId);
    expect((await Need.findById(needId).lean())?.filledCount).toBe(1);

    const res = await request(t.app)
      .post(`/api/v1/matches/${matchId}/withdraw`)
      .set(auth.header)
      .send({ reason: '老伴住院，需要照顾' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.history.at(-1)).toMatchObject({
      from: 'engaged',
      to: 'withdrawn',
      byRole: 'expert',
      channel: 'web',
      reason: '老伴住院，需要照顾',
    });

    const need = await Need.findById(needId).lean();
    expect(need).toMatchObject({ filledCount: 0, status: 'matching' });
    const expert = await Expert.findById(expertId).lean();
    expect(expert).toMatchObject({ activeEngagements: 0, pendingOffers: 0 });

    const emails = await OutboxEmail.find({ 'related.id': matchId, kind: /^match-withdrawn/ }).lean();
    expect(emails.map((e) => [e.kind, e.to]).sort()).toEqual(
      [
        ['match-withdrawn-coordinator', coordinator.email],
        ['match-withdrawn-employer', employer.email],
      ].sort(),
    );
    for (const e of emails) {
      expect(e.data).toMatchObject({ erased: false, expertName: '退出专家甲', reason: '老伴住院，需要照顾' });
    }
    expect(await rerouteJobs(needId)).toHaveLength(1);

    const again = await request(t.app)
      .post(`/api/v1/matches/${matchId}/withdraw`)
      .set(auth.header)
      .send({ reason: '再试一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  test('when the reason is missing, or the offer is not yet accepted, or the match is someone else’s, then nothing changes', async () => {
    const expertId = await createExpertAs(t.app, coordinator, { ...TEA, name: '退出专家乙' });
    const { matchId, auth } = await engaged(expertId);

    const noReason = await request(t.app)
      .post(`/api/v1/matches/${matchId}/withdraw`)
      .set(auth.header)
      .send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ path: 'body.reason' })]);

    const other = await createExpertAs(t.app, coordinator, { ...TEA, name: '退出专家丙' });
    const otherAuth = await authOf(other);
    const notTheirs = await request(t.app)
      .post(`/api/v1/matches/${matchId}/withdraw`)
      .set(otherAuth.header)
      .send({ reason: '不是我的' });
    expect(notTheirs.status).toBe(404);

    const byEmployer = await request(t.app)
      .post(`/api/v1/matches/${matchId}/withdraw`)
      .set(employer.header)
      .send({ reason: '单位不能替专家退出' });
    expect(byEmployer.status).toBe(403);

    const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
    await rankNeed(t.ctx, need.id);
    const proposed = await request(t.app)
      .post(`/api/v1/needs/${need.id}/matches`)
      .set(coordinator.header)
      .send({ expertId: other });
    await request(t.app).post(`/api/v1/matches/${proposed.body.id}/confirm`).set(coordinator.header);
    const offered = await request(t.app)
      .post(`/api/v1/matches/${proposed.body.id}/withdraw`)
      .set(otherAuth.header)
      .send({ reason: '还没接受' });
    expect(offered.status).toBe(409);

    expect((await Match.findById(matchId).lean())?.status).toBe('engaged');
    expect((await Match.findById(proposed.body.id).lean())?.status).toBe('offered');
  });

  test('when a coordinator records a withdrawal told by phone, then it counts with its channel and is audited', async () => {
    const expertId = await createExpertAs(t.app, coordinator, { ...TEA, name: '退出专家丁' });
    const { matchId } = await engaged(expertId);
    const res = await request(t.app)
      .post(`/api/v1/matches/${matchId}/withdraw`)
      .set(coordinator.header)
      .send({ reason: '电话告知：身体原因' });
    expect(res.status).toBe(200);
    expect(res.body.history.at(-1)).toMatchObject({
      to: 'withdrawn',
      byRole: 'coordinator',
      channel: 'phone',
    });
    expect(await AuditEntry.countDocuments({ action: 'match.withdraw', targetId: matchId })).toBe(1);
  });
});

describe('the withdrawal on the expert’s pages', () => {
  test('when the expert opens an engaged job, then a button leads to a page that asks for the reason and a second press', async () => {
    const expert = await registerExpert(t.app, { ...TEA, name: '退出专家戊' });
    const { needId, matchId } = await engaged(expert.expertId);
    const { agent } = await pageAgent(t.app, expert.email);

    const offer = await agent.get(`/expert/offers/${matchId}`);
    expect(offer.status).toBe(200);
    expect(offer.text).toContain(`href="/expert/offers/${matchId}/withdraw"`);

    const form = await agent.get(`/expert/offers/${matchId}/withdraw`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('确认退出');
    const _csrf = /name="_csrf" value="([^"]*)"/.exec(form.text)?.[1];

    const empty = await agent
      .post(`/expert/offers/${matchId}/withdraw`)
      .type('form')
      .send({ _csrf, reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('error-summary');
    expect((await Match.findById(matchId).lean())?.status).toBe('engaged');

    const done = await agent
      .post(`/expert/offers/${matchId}/withdraw`)
      .type('form')
      .send({ _csrf, reason: '家里有事' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/expert/offers?done=matchWithdrawn');
    expect((await Match.findById(matchId).lean())?.status).toBe('withdrawn');
    expect((await Need.findById(needId).lean())?.filledCount).toBe(0);

    const after = await agent.get(`/expert/offers/${matchId}`);
    expect(after.text).not.toContain(`/expert/offers/${matchId}/withdraw"`);
  });
});
