import request from 'supertest';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from '../../scripts/seed/index';
import { User } from '../../src/modules/accounts/user.model';
import { Call, CallApplication } from '../../src/modules/calls/call.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { PENDING_STATUSES } from '../../src/modules/matches/match-transitions';
import { Need } from '../../src/modules/needs/need.model';
import { Nomination } from '../../src/modules/organisations/nomination.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { Quota } from '../../src/modules/organisations/quota.model';
import { isValidCreditCode } from '../../src/modules/organisations/social-credit-code';
import { CandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot.model';
import { Interest } from '../../src/modules/ranking/interest.model';
import { isRegionCode } from '../../src/modules/regions/regions.service';
import { getNode, isTaxonomyCode } from '../../src/modules/taxonomy/taxonomy.service';
import { startTestApp, type TestApp } from '../support/app';

const count = <T>(items: T[], pred: (t: T) => boolean) => items.filter(pred).length;

describe('demo data set (npm run seed)', () => {
  let t: TestApp;
  let first: Awaited<ReturnType<typeof seedDemoData>>;

  beforeAll(async () => {
    t = await startTestApp();
    first = await seedDemoData({ ctx: t.ctx });
  }, 180_000);
  afterAll(() => t.close());

  it('when seeded into an empty database, then it has the planned shape', () => {
    expect(first.created).toBe(true);
    expect(first.experts).toBeGreaterThanOrEqual(300);
    expect(first.experts).toBeLessThanOrEqual(400);
    const orgs = Object.values(first.organisations).reduce((a, b) => a + b, 0);
    expect(orgs).toBeGreaterThanOrEqual(30);
    expect(first.organisations.verified).toBeGreaterThan(first.organisations.pending);
    const needs = Object.values(first.needs).reduce((a, b) => a + b, 0);
    expect(needs).toBeGreaterThanOrEqual(60);
    expect(needs).toBeLessThanOrEqual(100);
    expect(first.needs.draft).toBeGreaterThan(0);
    expect((first.needs.filled ?? 0) + (first.needs.closed ?? 0)).toBeGreaterThan(0);
    expect(Object.keys(first.matches).length).toBeGreaterThanOrEqual(6);
    expect(first.nominations).toBeGreaterThan(0);
  });

  it('when checked, then every county, skill and credit code is real and valid', async () => {
    const experts = await Expert.find().lean();
    for (const e of experts) {
      expect(isRegionCode(e.residenceCounty)).toBe(true);
      expect(isRegionCode(e.homeCounty)).toBe(true);
      for (const code of [...e.fields, ...e.skills, ...e.taxonomyCodes])
        expect(isTaxonomyCode(code)).toBe(true);
      expect(e.title?.level ?? e.skillLevel).toBeTruthy();
      expect(e.email).toMatch(/@example\.com$/);
    }
    for (const o of await Organisation.find().lean()) {
      expect(isValidCreditCode(o.creditCode)).toBe(true);
      expect(isRegionCode(o.county)).toBe(true);
    }
    for (const n of await Need.find().lean()) {
      for (const code of [n.field, ...n.mustHaveSkills, ...n.niceToHaveSkills])
        expect(isTaxonomyCode(code)).toBe(true);
    }
  });

  it('when read, then experts and needs name specific skills, titles, trades and preferences', async () => {
    const experts = await Expert.find().lean();
    const depth = (code: string) => getNode(code)?.level ?? 0;
    // Experts hold skills (level 3), not just the sub-field they worked in.
    expect(count(experts, (e) => e.skills.some((c) => depth(c) === 3))).toBe(experts.length);
    expect(count(experts, (e) => Boolean(e.title?.name))).toBeGreaterThan(experts.length / 2);
    expect(count(experts, (e) => Boolean(e.tradeName))).toBeGreaterThan(20);
    expect(count(experts, (e) => e.preferredModes.length > 0)).toBeGreaterThan(50);
    expect(count(experts, (e) => (e.availability?.blockedPeriods ?? []).length > 0)).toBeGreaterThan(30);
    expect(count(experts, (e) => e.tags.length > 0)).toBe(experts.length);
    const needs = await Need.find().lean();
    expect(count(needs, (n) => n.mustHaveSkills.every((c) => depth(c) === 3))).toBe(needs.length);
    expect(count(needs, (n) => n.mustHaveMatch === 'exact')).toBeGreaterThan(10);
    expect(count(needs, (n) => Boolean(n.minTitleSeries))).toBeGreaterThan(10);
    expect(new Set(needs.map((n) => depth(n.field)))).toEqual(new Set([1, 2, 3]));
  });

  it('when the demo expert signs in, then 向德明 has an open offer from the demo hospital', async () => {
    const user = await User.findOne({ email: DEMO_LOGINS.expert.email }).lean();
    const expert = await Expert.findById(user?.expertId).lean();
    expect(expert).toMatchObject({ name: '向德明', residenceCounty: '500114', title: { name: '主任医师' } });
    expect(expert?.skills).toContain('health.cardiology.coronary_intervention');
    const offer = await Match.findOne({ expertId: expert?._id, status: 'offered' }).lean();
    const org = await Organisation.findById(offer?.organisationId).lean();
    expect(org?.name).toBe('黔江区中心医院');
  });

  it('when listed by status, then there are needs and matches in every status of their lifecycle', async () => {
    const needStatuses = new Set((await Need.find().lean()).map((n) => n.status));
    for (const s of ['draft', 'matching', 'open', 'cancelled', 'closed']) expect(needStatuses).toContain(s);
    const matchStatuses = new Set((await Match.find().lean()).map((m) => m.status));
    for (const s of [
      'proposed',
      'rejected',
      'awaiting_employer',
      'offered',
      'declined',
      'expired',
      'engaged',
      'completed',
      'cancelled',
    ])
      expect(matchStatuses).toContain(s);
  });

  it('when counted from the matches, then expert and need counters agree', async () => {
    const matches = await Match.find().lean();
    for (const e of await Expert.find({
      $or: [{ pendingOffers: { $gt: 0 } }, { activeEngagements: { $gt: 0 } }],
    }).lean()) {
      const own = matches.filter((m) => String(m.expertId) === String(e._id));
      expect(e.pendingOffers).toBe(count(own, (m) => PENDING_STATUSES.includes(m.status)));
      expect(e.activeEngagements).toBe(count(own, (m) => m.status === 'engaged'));
    }
    const busy = new Set(matches.map((m) => String(m.expertId)));
    const idle = await Expert.countDocuments({
      _id: { $nin: [...busy] },
      $or: [{ pendingOffers: { $ne: 0 } }, { activeEngagements: { $ne: 0 } }],
    });
    expect(idle).toBe(0);
    for (const n of await Need.find().lean()) {
      const own = matches.filter((m) => String(m.needId) === String(n._id));
      expect(n.filledCount).toBe(count(own, (m) => m.status === 'engaged' || m.status === 'completed'));
      if (n.status === 'filled') expect(n.filledCount).toBe(n.expertsWanted);
      if (n.status === 'partially_filled') expect(n.filledCount).toBeLessThan(n.expertsWanted);
    }
    for (const m of matches) expect(m.history.at(-1)?.to).toBe(m.status);
  });

  it('when quotas were spent, then used equals the active nominations', async () => {
    for (const q of await Quota.find().lean()) {
      const active = await Nomination.countDocuments({
        organisationId: q.organisationId,
        year: q.year,
        status: 'active',
      });
      expect(q.used).toBe(active);
      expect(q.used).toBeLessThanOrEqual(q.granted);
    }
  });

  it('when read, then a few experts have shown interest, and their needs’ rankings count it', async () => {
    const interests = await Interest.find().lean();
    expect(interests.length).toBeGreaterThanOrEqual(3);
    const { needId, expertId } = interests[0];
    const snapshot = await CandidateSnapshot.findOne({ needId }).lean();
    expect(snapshot?.engineVersion).toBe('v3');
    const listed = snapshot?.candidates.find((c) => String(c.expertId) === String(expertId));
    expect(listed?.contributions.find((k) => k.feature === 'interest')?.value).toBe(1);
  });

  it('when read, then verified employers have open calls with a solo and a shortlisted team application', async () => {
    const calls = await Call.find({ status: 'open' }).lean();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const orgs = await Organisation.find({ _id: { $in: calls.map((c) => c.organisationId) } }).lean();
    expect(orgs.every((o) => o.status === 'verified')).toBe(true);
    const applications = await CallApplication.find().lean();
    expect(applications.some((a) => a.memberExpertIds.length === 0)).toBe(true);
    const team = applications.find((a) => a.memberExpertIds.length === 2);
    expect(team?.status).toBe('shortlisted');
    // the team's call was closed early and waits for the employer; a solo application is on an open one
    expect((await Call.findById(team?.callId).lean())?.status).toBe('closed');
    const open = new Set(calls.map((c) => String(c._id)));
    expect(applications.some((a) => a.memberExpertIds.length === 0 && open.has(String(a.callId)))).toBe(true);
  });

  it('when seeded again, then nothing is duplicated', async () => {
    const again = await seedDemoData({ ctx: t.ctx });
    expect(again.created).toBe(false);
    expect({ ...again, created: true }).toEqual(first);
  });

  it('when the demo coordinator signs in with the demo password, then it works', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: DEMO_LOGINS.coordinator.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('coordinator');
  });
});
