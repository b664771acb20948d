import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Actor } from '../../src/lib/actor';
import { User } from '../../src/modules/accounts/user.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { withdrawFromOpenMatches } from '../../src/modules/experts/expert-erasure.service';
import { Match } from '../../src/modules/matches/match.model';
import { deleteMyData } from '../../src/modules/me/me.service';
import { Need } from '../../src/modules/needs/need.model';
import { CandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot.model';
import { MATCHING_QUEUE, type MatchingJobData } from '../../src/modules/ranking/ranking.jobs';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createExpertAs, tokenFor } from '../support/experts.factory';
import { mentions, uniquePerson } from '../support/mentions';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

/**
 * Erasing an expert who is serving an employer, has a pending offer, service requests, an apartment
 * stay, liaison contacts and emails: the lifecycle runs (needs re-routed, people told) and afterwards no
 * collection holds the person's name, email address or phone number.
 */

let t: TestApp;
let coordinator: SignedIn;
let employer: Employer;
beforeAll(async () => {
  t = await startTestApp();
  await seedCatalogue();
  coordinator = await staffUser(t.app, 'coordinator');
  employer = await registerEmployer(t.app, { verified: true });
}, 60_000);
afterAll(() => t.close());

const api = () => request(t.app);
const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

async function ok(res: request.Response, status = 200) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function authOf(expertId: string) {
  const expert = await Expert.findById(expertId).lean();
  const user = await User.findById(expert?.userId).lean();
  return tokenFor(String(user?._id), String(user?.email));
}

/** Proposed from the ranked list and confirmed: the offer is emailed to the expert. */
async function offer(needId: string, expertId: string): Promise<string> {
  await rankNeed(t.ctx, needId);
  const proposed = await ok(
    await api().post(`/api/v1/needs/${needId}/matches`).set(coordinator.header).send({ expertId }),
    201,
  );
  const confirmed = await ok(
    await api().post(`/api/v1/matches/${proposed.id}/confirm`).set(coordinator.header),
  );
  expect(confirmed.status).toBe('offered');
  return proposed.id;
}

/** The erased person's expert: engaged on one need, offered another, with requests, a stay and contacts. */
async function expertWithEverything(who: ReturnType<typeof uniquePerson>) {
  const expertId = await createExpertAs(t.app, coordinator, { ...TEA, ...who });
  const auth = await authOf(expertId);
  const serving = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  const engagedId = await offer(serving.id, expertId);
  const engaged = await ok(
    await api().post(`/api/v1/matches/${engagedId}/answer`).set(auth.header).send({ answer: 'accept' }),
  );
  expect(engaged.status).toBe('engaged');
  const waiting = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  const offeredId = await offer(waiting.id, expertId);

  await ok(
    await api()
      .post('/api/v1/service-requests')
      .set(auth.header)
      .send({
        serviceCode: 'talent-apartment',
        facts: { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' },
        note: `${who.name}的妻子行动不便，电话 ${who.phone}`,
      }),
    201,
  );
  const room = await ok(
    await api()
      .post('/api/v1/apartments/rooms')
      .set(coordinator.header)
      .send({ building: `测试楼-${randomBytes(3).toString('hex')}`, number: '101', floor: 1, beds: 3 }),
    201,
  );
  await ok(
    await api()
      .post('/api/v1/apartments/stays')
      .set(coordinator.header)
      .send({
        roomId: room.id,
        expertId,
        from: inDays(10),
        to: inDays(14),
        guests: [{ name: '王秀兰', relation: 'spouse' }],
      }),
    201,
  );
  await ok(
    await api()
      .put(`/api/v1/liaisons/experts/${expertId}`)
      .set(coordinator.header)
      .send({ liaisonId: coordinator.userId }),
  );
  await ok(
    await api()
      .post(`/api/v1/liaisons/experts/${expertId}/contacts`)
      .set(coordinator.header)
      .send({ date: inDays(0), kind: 'call', summary: `致电${who.name}`, notes: `手机 ${who.phone}` }),
    201,
  );
  return { expertId, auth, servingId: serving.id, engagedId, waitingId: waiting.id, offeredId };
}

const rerouteJobs = async (needId: string) =>
  (await t.ctx.queues.get<MatchingJobData>(MATCHING_QUEUE).getJobs(['waiting', 'delayed', 'active'])).filter(
    (j) => j?.data.kind === 'rank' && j.data.needId === needId && j.data.reroute === true,
  );

describe('erasing an expert runs the lifecycle and leaves nothing of the person', () => {
  test('when an engaged expert with an offer, requests, a stay, contacts and emails deletes their data, then their matches are cancelled and re-routed, people are told without their name, and no collection holds their name, email or phone', async () => {
    const who = uniquePerson();
    const e = await expertWithEverything(who);
    // the person is really there before: in the expert, the account, the outbox, the requests, the contacts
    expect((await mentions([who.name, who.email, who.phone])).length).toBeGreaterThan(5);
    expect(await OutboxEmail.countDocuments({ to: who.email })).toBeGreaterThan(0);

    const res = await api().delete('/api/v1/me').set(e.auth.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, matchesCancelled: 2 });

    expect(await mentions([who.name, who.email, who.phone])).toEqual([]);

    const engaged = await Match.findById(e.engagedId).lean();
    expect(engaged?.status).toBe('cancelled');
    expect(engaged?.history.at(-1)).toMatchObject({
      from: 'engaged',
      to: 'cancelled',
      reason: 'expert deleted their data',
    });
    expect((await Match.findById(e.offeredId).lean())?.status).toBe('cancelled');
    expect(await Need.findById(e.servingId).lean()).toMatchObject({ filledCount: 0, status: 'matching' });
    expect(await Expert.findById(e.expertId).lean()).toMatchObject({
      activeEngagements: 0,
      pendingOffers: 0,
      status: 'deleted',
    });
    expect(await rerouteJobs(e.servingId)).toHaveLength(1);
    expect(await rerouteJobs(e.waitingId)).toHaveLength(1);

    // the employer and the coordinator hear of both, with no name and no reason
    const told = await OutboxEmail.find({
      kind: /^match-withdrawn/,
      'related.id': { $in: [e.engagedId, e.offeredId] },
    }).lean();
    expect(told.map((m) => `${m.kind} ${m.to}`).sort()).toEqual(
      [
        `match-withdrawn-coordinator ${coordinator.email}`,
        `match-withdrawn-coordinator ${coordinator.email}`,
        `match-withdrawn-employer ${employer.email}`,
        `match-withdrawn-employer ${employer.email}`,
      ].sort(),
    );
    for (const m of told) {
      expect(m.data).toMatchObject({ erased: true });
      expect(m.data).not.toHaveProperty('expertName');
    }
    // the employer's "accepted" message stays, naming the placeholder
    const accepted = await OutboxEmail.findOne({
      kind: 'offer-accepted-employer',
      'related.id': e.engagedId,
    }).lean();
    expect(accepted?.data).toMatchObject({ expertName: '已注销用户' });

    for (const needId of [e.servingId, e.waitingId]) {
      const snapshot = await CandidateSnapshot.findOne({ needId }).lean();
      expect(snapshot?.candidates.map((c) => String(c.expertId))).not.toContain(e.expertId);
    }
  });

  test('when the erasure stopped after cancelling the matches and runs again, then it finishes the rest, and a third run changes nothing', async () => {
    const who = uniquePerson();
    const e = await expertWithEverything(who);
    const actor: Actor = { userId: e.auth.userId, role: 'expert', expertId: e.expertId, via: 'token' };
    // the first run got as far as the matches, then the process died
    await expect(withdrawFromOpenMatches(t.ctx, e.expertId, actor)).resolves.toEqual({
      cancelled: 2,
      skipped: 0,
    });

    const res = await api().delete('/api/v1/me').set(e.auth.header);
    expect(res.status).toBe(200);
    expect(res.body.matchesCancelled).toBe(0);
    expect(await mentions([who.name, who.email, who.phone])).toEqual([]);

    const outboxBefore = await OutboxEmail.find({}).sort({ _id: 1 }).lean();
    await expect(deleteMyData(t.ctx, actor)).resolves.toEqual({ matchesCancelled: 0 });
    expect(await OutboxEmail.find({}).sort({ _id: 1 }).lean()).toEqual(outboxBefore);
    expect(await Need.findById(e.servingId).lean()).toMatchObject({ filledCount: 0 });
  });
});
