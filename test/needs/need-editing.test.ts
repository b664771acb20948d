import request from 'supertest';
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
import { inDays } from '../support/dates';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let employer: Employer;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
  employer = await registerEmployer(t.app, { verified: true });
});
afterAll(() => t.close());

/** A tea expert whose title is of the given level. */
const tea = (name: string, level: 'full_senior' | 'associate_senior') => ({
  name,
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level, series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
});

const rankJobs = async (needId: string) =>
  (await t.ctx.queues.get<MatchingJobData>(MATCHING_QUEUE).getJobs(['waiting', 'delayed', 'active'])).filter(
    (j) => j?.data.kind === 'rank' && j.data.needId === needId,
  );

async function propose(needId: string, expertId: string): Promise<string> {
  const res = await request(t.app)
    .post(`/api/v1/needs/${needId}/matches`)
    .set(coordinator.header)
    .send({ expertId });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function offer(needId: string, expertId: string): Promise<string> {
  const matchId = await propose(needId, expertId);
  const res = await request(t.app).post(`/api/v1/matches/${matchId}/confirm`).set(coordinator.header);
  expect(res.body.status).toBe('offered');
  return matchId;
}

/** Accepted by phone, recorded by the coordinator (the period has begun: engaged at once). */
async function accepted(needId: string, expertId: string): Promise<string> {
  const matchId = await offer(needId, expertId);
  const res = await request(t.app)
    .post(`/api/v1/matches/${matchId}/answer`)
    .set(coordinator.header)
    .send({ answer: 'accept', channel: 'phone' });
  expect(['accepted', 'engaged']).toContain(res.body.status);
  return matchId;
}

const statusOf = async (matchId: string) => (await Match.findById(matchId).lean())?.status;

describe('editing a published need', () => {
  test('when the employer and then a coordinator change a matching need, then each edit is recorded with who, when and each field before and after, and the need is ranked again', async () => {
    const need = await createOpenNeed(t.app, employer.header, { employerApproval: false });
    await rankNeed(t.ctx, need.id);
    expect((await Need.findById(need.id).lean())?.status).toBe('matching');
    const ranksBefore = (await rankJobs(need.id)).length;

    const byEmployer = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(employer.header)
      .send({ title: '茶叶加工技术指导（春茶）', minTitleLevel: 'full_senior', daysPerMonth: null });
    expect(byEmployer.status).toBe(200);
    expect(byEmployer.body).toMatchObject({
      status: 'matching',
      title: '茶叶加工技术指导（春茶）',
      minTitleLevel: 'full_senior',
      daysPerMonth: null,
      withdrawnMatches: 0,
    });
    expect(byEmployer.body.changes).toHaveLength(1);
    expect(byEmployer.body.changes[0]).toMatchObject({
      by: { userId: employer.userId, role: 'employer' },
      fields: [
        { field: 'title', before: need.title, after: '茶叶加工技术指导（春茶）' },
        { field: 'minTitleLevel', before: 'associate_senior', after: 'full_senior' },
        { field: 'daysPerMonth', before: 6, after: null },
      ],
    });
    expect((await rankJobs(need.id)).length).toBe(ranksBefore + 1);

    // the same values again change nothing: no history entry, no ranking
    const same = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(employer.header)
      .send({ title: '茶叶加工技术指导（春茶）', minTitleLevel: 'full_senior' });
    expect(same.status).toBe(200);
    expect(same.body.changes).toHaveLength(1);

    const byCoordinator = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(coordinator.header)
      .send({
        expertsWanted: 3,
        offer: { stipendPerMonth: 3500, housing: true, travel: true, other: '工作餐' },
      });
    expect(byCoordinator.status).toBe(200);
    expect(byCoordinator.body.changes[1]).toMatchObject({
      by: { userId: coordinator.userId, role: 'coordinator', name: 'coordinator 测试' },
      fields: [
        { field: 'expertsWanted', before: 2, after: 3 },
        {
          field: 'offer',
          before: { stipendPerMonth: 3000, housing: true, travel: true, other: '工作餐' },
          after: { stipendPerMonth: 3500, housing: true, travel: true, other: '工作餐' },
        },
      ],
    });
    const audit = await AuditEntry.find({ action: 'need.update', targetId: need.id }).lean();
    expect(audit.map((a) => a.details)).toEqual([{ fields: ['expertsWanted', 'offer'] }]);

    // the employer reads the history on the need; a list does not carry it
    const read = await request(t.app).get(`/api/v1/needs/${need.id}`).set(employer.header);
    expect(read.body.changes.map((c: { by: { role: string } }) => c.by.role)).toEqual([
      'employer',
      'coordinator',
    ]);
    const list = await request(t.app).get('/api/v1/needs').set(employer.header);
    expect(list.body.items.find((n: { id: string }) => n.id === need.id).changes).toBeUndefined();
  });

  test('when the need is filled, closed or cancelled, then an edit is 409 NEED_NOT_EDITABLE and nothing is recorded', async () => {
    for (const status of ['filled', 'closed', 'cancelled'] as const) {
      const need = await createOpenNeed(t.app, employer.header);
      await Need.updateOne({ _id: need.id }, { $set: { status } });
      const res = await request(t.app)
        .patch(`/api/v1/needs/${need.id}`)
        .set(coordinator.header)
        .send({ title: '不能再改' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'NEED_NOT_EDITABLE', details: { status } });
      expect((await Need.findById(need.id).lean())?.changes).toEqual([]);
    }
  });

  test('when an edit raises the minimum title, then proposals and offers of experts below it are cancelled with the reason and notice, while accepted and still-fitting ones stay, and the need is re-routed', async () => {
    const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 6, employerApproval: false });
    const offered = await createExpertAs(t.app, coordinator, tea('副高专家甲', 'associate_senior'));
    const proposed = await createExpertAs(t.app, coordinator, tea('副高专家乙', 'associate_senior'));
    const phoneOnly = await createExpertAs(t.app, coordinator, {
      ...tea('副高专家丙', 'associate_senior'),
      email: undefined,
    });
    const yes = await createExpertAs(t.app, coordinator, tea('副高专家丁', 'associate_senior'));
    const fits = await createExpertAs(t.app, coordinator, tea('正高专家戊', 'full_senior'));
    await rankNeed(t.ctx, need.id);
    const offeredMatch = await offer(need.id, offered);
    const proposedMatch = await propose(need.id, proposed);
    const phoneOnlyMatch = await offer(need.id, phoneOnly);
    const yesMatch = await accepted(need.id, yes);
    const fitsMatch = await propose(need.id, fits);
    const yesStatus = await statusOf(yesMatch);

    const res = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(employer.header)
      .send({ minTitleLevel: 'full_senior' });
    expect(res.status).toBe(200);
    expect(res.body.withdrawnMatches).toBe(3);

    for (const matchId of [offeredMatch, proposedMatch, phoneOnlyMatch]) {
      const m = await Match.findById(matchId).lean();
      expect(m?.status).toBe('cancelled');
      expect(m?.history.at(-1)).toMatchObject({ to: 'cancelled', byRole: 'employer', channel: 'web' });
      expect(m?.history.at(-1)?.reason).toMatch(/^需求条件已修改：未达到最低要求：需正高级/);
    }
    expect(await statusOf(yesMatch)).toBe(yesStatus);
    expect(await statusOf(fitsMatch)).toBe('proposed');
    // the withdrawn offers gave their places back
    const offeredExpert = await Expert.findById(offered).lean();
    expect(offeredExpert?.pendingOffers).toBe(0);

    const emails = await OutboxEmail.find({
      'related.id': { $in: [offeredMatch, proposedMatch, phoneOnlyMatch] },
      kind: { $in: ['offer-withdrawn-need-changed', 'match-need-changed-coordinator'] },
    }).lean();
    const offeredEmail = (await Expert.findById(offered).lean())?.email;
    expect(emails.map((e) => [e.kind, String(e.related?.id), e.to]).sort()).toEqual(
      [
        ['offer-withdrawn-need-changed', offeredMatch, offeredEmail],
        ['match-need-changed-coordinator', offeredMatch, coordinator.email],
        ['match-need-changed-coordinator', proposedMatch, coordinator.email],
        ['match-need-changed-coordinator', phoneOnlyMatch, coordinator.email],
      ].sort(),
    );
    const toExpert = emails.find((e) => e.kind === 'offer-withdrawn-need-changed');
    expect(toExpert?.data).toMatchObject({ needTitle: need.title, expertName: '副高专家甲' });
    expect(toExpert?.data).toMatchObject({ reasons: [expect.stringMatching(/^未达到最低要求/)] });
    const aboutPhoneOnly = emails.find((e) => String(e.related?.id) === phoneOnlyMatch);
    expect(aboutPhoneOnly?.data).toMatchObject({ wasOffered: true, expertTold: false });

    const reroutes = (await rankJobs(need.id)).filter((j) => j?.data.kind === 'rank' && j.data.reroute);
    expect(reroutes).toHaveLength(1);
  });

  test('when another coordinator adds a must-have skill, then a proposal of an expert without it is cancelled and its proposer told; the editor is not emailed about their own proposals', async () => {
    const other = await staffUser(t.app, 'coordinator');
    const need = await createOpenNeed(t.app, employer.header, {
      expertsWanted: 3,
      employerApproval: false,
      mustHaveSkills: [],
    });
    const lacking = await createExpertAs(t.app, coordinator, tea('缺技能专家', 'full_senior'));
    const holding = await createExpertAs(t.app, coordinator, {
      ...tea('有技能专家', 'full_senior'),
      skills: ['agriculture.tea.processing', 'agriculture.tea.cultivation'],
    });
    await rankNeed(t.ctx, need.id);
    const lackingMatch = await propose(need.id, lacking);
    const holdingMatch = await propose(need.id, holding);

    const res = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(other.header)
      .send({ mustHaveSkills: ['agriculture.tea.cultivation'], mustHaveMatch: 'exact' });
    expect(res.status).toBe(200);
    expect(res.body.withdrawnMatches).toBe(1);
    const cancelled = await Match.findById(lackingMatch).lean();
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.history.at(-1)?.reason).toMatch(/缺少必备技能/);
    expect(await statusOf(holdingMatch)).toBe('proposed');
    const told = await OutboxEmail.find({ 'related.id': lackingMatch }).lean();
    expect(told.map((e) => [e.kind, e.to])).toEqual([['match-need-changed-coordinator', coordinator.email]]);
    const audit = await AuditEntry.find({ action: 'match.cancel', targetId: lackingMatch }).lean();
    expect(audit).toHaveLength(1);

    // the coordinator who proposed edits (a health title now): the proposal goes, no email to themselves
    const again = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(coordinator.header)
      .send({ minTitleSeries: 'health' });
    expect(again.status).toBe(200);
    expect(again.body.withdrawnMatches).toBe(1);
    expect(await statusOf(holdingMatch)).toBe('cancelled');
    expect(await OutboxEmail.countDocuments({ 'related.id': holdingMatch })).toBe(0);
  });

  test('when a published need is edited on the pages, then the employer’s and the coordinator’s forms warn of withdrawals and name who accepted, saving says how many were withdrawn, and both need pages tell the history in words', async () => {
    const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 3, employerApproval: false });
    const below = await createExpertAs(t.app, coordinator, tea('页面副高专家', 'associate_senior'));
    const yes = await createExpertAs(t.app, coordinator, tea('页面已接受专家', 'full_senior'));
    await rankNeed(t.ctx, need.id);
    const belowMatch = await propose(need.id, below);
    await accepted(need.id, yes);

    const asEmployer = await pageAgent(t.app, employer.email);
    const detail = await asEmployer.agent.get(`/employer/needs/${need.id}`);
    expect(detail.text).toContain(`href="/employer/needs/${need.id}/edit"`);
    const form = await asEmployer.agent.get(`/employer/needs/${need.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('不再符合新条件的推荐和邀请会被撤回');
    expect(form.text).toContain('已接受的专家不受影响');
    expect(form.text).toContain('<li>页面已接受专家</li>');
    expect(form.text).toContain(`action="/employer/needs/${need.id}/edit"`);

    const fields = {
      title: need.title,
      description: '指导绿茶加工线的工艺改进',
      field: 'agriculture',
      mustHaveSkills: 'agriculture.tea.processing',
      mustHaveMatch: 'sub_field',
      niceToHaveSkills: 'agriculture.tea.cultivation',
      mode: 'periodic',
      county: '500114',
      'period.from': inDays(-30),
      'period.to': inDays(300),
      daysPerMonth: '6',
      expertsWanted: '3',
      'offer.stipendPerMonth': '3000',
      'offer.housing': 'true',
      'offer.travel': 'true',
      'offer.other': '工作餐',
    };
    const saved = await asEmployer.agent
      .post(`/employer/needs/${need.id}/edit`)
      .type('form')
      .send({ _csrf: asEmployer.csrfToken, ...fields, minTitleLevel: 'full_senior' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/employer/needs/${need.id}?done=needEditedWithdrawn&withdrawn=1`);
    expect(await statusOf(belowMatch)).toBe('cancelled');
    const after = await asEmployer.agent.get(saved.headers.location);
    expect(after.text).toContain('需求已修改。1 项不再符合新条件的推荐或邀请已撤回');
    expect(after.text).toContain('修改记录');
    expect(after.text).toMatch(/\d{4}-\d{2}-\d{2} [^<]*（用人单位）改了：最低职称 副高级 → 正高级/);

    const asCoordinator = await pageAgent(t.app, coordinator.email);
    const page = await asCoordinator.agent.get(`/coordinator/needs/${need.id}`);
    expect(page.text).toContain(`href="/coordinator/needs/${need.id}/edit"`);
    expect(page.text).toContain('改了：最低职称 副高级 → 正高级');
    const coordForm = await asCoordinator.agent.get(`/coordinator/needs/${need.id}/edit`);
    expect(coordForm.text).toContain(`action="/coordinator/needs/${need.id}/edit"`);
    const bad = await asCoordinator.agent
      .post(`/coordinator/needs/${need.id}/edit`)
      .type('form')
      .send({ _csrf: asCoordinator.csrfToken, ...fields, minTitleLevel: 'full_senior', expertsWanted: '0' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-expertsWanted-error"');
    const byCoordinator = await asCoordinator.agent
      .post(`/coordinator/needs/${need.id}/edit`)
      .type('form')
      .send({ _csrf: asCoordinator.csrfToken, ...fields, minTitleLevel: 'full_senior', daysPerMonth: '8' });
    expect(byCoordinator.headers.location).toBe(`/coordinator/needs/${need.id}?done=needEdited`);
    const en = await asCoordinator.agent.get(byCoordinator.headers.location).set('Cookie', 'lang=en');
    expect(en.text).toContain('The need is changed; the current proposals and offers all still fit.');
    expect(en.text).toMatch(/coordinator 测试 \(coordinator\) changed: Days a month: 6 → 8/);

    // the employer's pages are the employer's: a coordinator is sent away from them
    const notTheirs = await asCoordinator.agent.get(`/employer/needs/${need.id}/edit`);
    expect(notTheirs.status).toBe(403);
  });
});
