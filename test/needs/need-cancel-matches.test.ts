import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { cancelNeed } from '../../src/modules/needs/need-status.service';
import { MATCHING_QUEUE, type MatchingJobData } from '../../src/modules/ranking/ranking.jobs';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { csrfOf, pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const api = () => request(t.app);

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

/** A tea expert registered by the office (`email: undefined` leaves the address out). */
async function teaExpert(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  return createExpertAs(t.app, coordinator, { ...TEA, name, ...extra });
}

async function propose(needId: string, expertId: string): Promise<string> {
  const res = await api().post(`/api/v1/needs/${needId}/matches`).set(coordinator.header).send({ expertId });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function confirm(matchId: string): Promise<string> {
  const res = await api().post(`/api/v1/matches/${matchId}/confirm`).set(coordinator.header);
  expect(res.status).toBe(200);
  return res.body.status;
}

async function acceptByPhone(matchId: string): Promise<void> {
  const res = await api()
    .post(`/api/v1/matches/${matchId}/answer`)
    .set(coordinator.header)
    .send({ answer: 'accept', channel: 'phone' });
  expect(res.body.status).toBe('engaged');
}

const matchStatus = async (id: string) => (await Match.findById(id).lean())?.status;
const cancelledEmails = (needTitle: string) =>
  OutboxEmail.find({ kind: 'need-cancelled-expert', 'data.needTitle': needTitle }).lean();
const rerouteJobs = async (needId: string) =>
  (await t.ctx.queues.get<MatchingJobData>(MATCHING_QUEUE).getJobs(['waiting', 'delayed', 'active'])).filter(
    (j) => j?.data.kind === 'rank' && j.data.needId === needId && j.data.reroute === true,
  );

/**
 * A need of five places with a match in each open status: proposed, awaiting the employer, offered,
 * accepted and engaged, plus an offer to an expert who has no email address.
 */
async function needWithMatchesInPlay(employer: Employer, title: string) {
  const need = await createOpenNeed(t.app, employer.header, {
    title,
    expertsWanted: 5,
    employerApproval: false,
  });
  const experts = {
    proposed: await teaExpert('取消需求甲'),
    awaiting: await teaExpert('取消需求乙'),
    offered: await teaExpert('取消需求丙', { preferredLanguage: 'en' }),
    accepted: await teaExpert('取消需求丁'),
    engaged: await teaExpert('取消需求戊'),
    phoneOnly: await teaExpert('取消需求己', { email: undefined, phone: '13900000021' }),
  };
  await rankNeed(t.ctx, need.id);
  const matches = {} as Record<keyof typeof experts, string>;
  for (const [key, expertId] of Object.entries(experts) as [keyof typeof experts, string][]) {
    matches[key] = await propose(need.id, expertId);
  }

  expect(await confirm(matches.offered)).toBe('offered');
  expect(await confirm(matches.phoneOnly)).toBe('offered');
  expect(await confirm(matches.engaged)).toBe('offered');
  await acceptByPhone(matches.engaged);
  // Accepting engages at once; an accepted match waiting to start is written as the workflow leaves it.
  expect(await confirm(matches.accepted)).toBe('offered');
  await Match.updateOne(
    { _id: matches.accepted },
    {
      $set: { status: 'accepted', answeredAt: new Date() },
      $push: { history: { from: 'offered', to: 'accepted', at: new Date(), channel: 'phone' } },
    },
  );
  await Need.updateOne({ _id: need.id }, { $set: { employerApproval: true } });
  expect(await confirm(matches.awaiting)).toBe('awaiting_employer');
  return { need, experts, matches };
}

describe('cancelling a need with matches in play', () => {
  test('when the employer cancels, then every open match is cancelled with its reason, places are given back, only experts who knew of the job are emailed, and nothing is re-routed', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const title = '茶叶加工指导（取消）';
    const { need, experts, matches } = await needWithMatchesInPlay(employer, title);
    const before = await Expert.findById(experts.engaged).lean();
    expect(before).toMatchObject({ activeEngagements: 1 });

    const res = await api().post(`/api/v1/needs/${need.id}/cancel`).set(employer.header);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');

    for (const matchId of Object.values(matches)) {
      const m = await Match.findById(matchId).lean();
      expect(m?.status).toBe('cancelled');
      expect(m?.history.at(-1)).toMatchObject({
        to: 'cancelled',
        reason: 'need cancelled',
        byRole: 'employer',
      });
    }
    for (const expertId of Object.values(experts)) {
      expect(await Expert.findById(expertId).lean()).toMatchObject({
        pendingOffers: 0,
        activeEngagements: 0,
      });
    }

    const emails = await cancelledEmails(title);
    const byMatch = new Map(emails.map((e) => [String(e.related?.id), e]));
    expect([...byMatch.keys()].sort()).toEqual([matches.offered, matches.accepted, matches.engaged].sort());
    expect(byMatch.get(matches.offered)).toMatchObject({ language: 'en', data: { accepted: false } });
    expect(byMatch.get(matches.accepted)).toMatchObject({ language: 'zh-CN', data: { accepted: true } });
    expect(byMatch.get(matches.engaged)?.data).toMatchObject({ accepted: true, expertName: '取消需求戊' });
    expect(emails).toHaveLength(3);
    expect(await rerouteJobs(need.id)).toHaveLength(0);
  });

  test('when the process stopped after the need was cancelled, then cancelling again finishes its matches once and still answers 409', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const title = '茶叶加工指导（中断后再取消）';
    const need = await createOpenNeed(t.app, employer.header, {
      title,
      expertsWanted: 2,
      employerApproval: false,
    });
    const expertId = await teaExpert('取消需求庚');
    await rankNeed(t.ctx, need.id);
    const matchId = await propose(need.id, expertId);
    expect(await confirm(matchId)).toBe('offered');

    // the need's own step alone: what a crash right after it leaves behind
    const actor = {
      userId: employer.userId,
      role: 'employer',
      organisationId: employer.organisationId,
      via: 'token',
    } as const;
    await cancelNeed(t.ctx, actor, need.id);
    expect(await matchStatus(matchId)).toBe('offered');

    for (let i = 0; i < 2; i++) {
      const again = await api().post(`/api/v1/needs/${need.id}/cancel`).set(employer.header);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        details: { status: 'cancelled' },
      });
      expect(await matchStatus(matchId)).toBe('cancelled');
    }
    expect(await cancelledEmails(title)).toHaveLength(1);
    expect(await Expert.findById(expertId).lean()).toMatchObject({ pendingOffers: 0 });
  });

  test('when another employer tries, then 404 and nothing changes; when a coordinator cancels, then each match cancelled is audited', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const other = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1 });
    const expertId = await teaExpert('取消需求辛');
    await rankNeed(t.ctx, need.id);
    const matchId = await propose(need.id, expertId);

    const foreign = await api().post(`/api/v1/needs/${need.id}/cancel`).set(other.header);
    expect(foreign.status).toBe(404);
    expect(await matchStatus(matchId)).toBe('proposed');
    expect((await Need.findById(need.id).lean())?.status).not.toBe('cancelled');

    const res = await api().post(`/api/v1/needs/${need.id}/cancel`).set(coordinator.header);
    expect(res.status).toBe(200);
    expect(await matchStatus(matchId)).toBe('cancelled');
    const audit = await AuditEntry.find({ action: 'match.cancel', targetId: matchId }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ from: 'proposed', reason: 'need cancelled' });
  });

  test('when the employer cancels on the need page, then its matches are cancelled too', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
    const expertId = await teaExpert('取消需求壬');
    await rankNeed(t.ctx, need.id);
    const matchId = await propose(need.id, expertId);
    expect(await confirm(matchId)).toBe('offered');

    const { agent } = await pageAgent(t.app, employer.email);
    const page = await agent.get(`/employer/needs/${need.id}/cancel`);
    const done = await agent
      .post(`/employer/needs/${need.id}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(done.status).toBe(303);
    expect(await matchStatus(matchId)).toBe('cancelled');
    expect(await Expert.findById(expertId).lean()).toMatchObject({ pendingOffers: 0 });
  });
});
