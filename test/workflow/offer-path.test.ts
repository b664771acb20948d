import request from 'supertest';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import type { SinkMessage } from '../support/smtp-sink';
import { eventually, startWorkflowHarness, untilRanked, type WorkflowHarness } from './workflow-harness';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await startWorkflowHarness();
  await h.startWorker();
});
afterAll(() => h.close());

const KONJAC = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

/** The path and query of the first link in the email's text part that matches. */
function linkAfter(message: SinkMessage, marker: RegExp): string {
  const links = [...message.text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => m[0]);
  const hit = links.find((l) => marker.test(decodeURIComponent(l)));
  if (!hit) throw new Error(`no link matching ${marker} in:\n${message.text}`);
  const u = new URL(hit);
  return u.pathname + u.search;
}

/** Opens an emailed link like a browser: follows the language switch, keeping its cookie. */
async function openLink(path: string) {
  const agent = request.agent(h.t.app);
  let res = await agent.get(path);
  while (res.status === 303) res = await agent.get(res.headers.location);
  return { agent, page: res };
}

const rankedCandidate = (needId: string, expertId: string) => untilRanked(h, needId, expertId);

describe('the whole path from a need to an engagement', () => {
  test('when a need opens, a coordinator confirms and the expert accepts by the link, then the expert is engaged and the employer told', async () => {
    const employer = await registerEmployer(h.t.app, { verified: true });
    const expertId = await createExpertAs(h.t.app, h.coordinator, {
      ...KONJAC,
      name: 'Chen <script>alert(1)</script> Jianguo',
      preferredLanguage: 'en',
    });
    const expert = await Expert.findById(expertId).lean();
    const need = await createOpenNeed(h.t.app, employer.header, {
      expertsWanted: 1,
      employerApproval: false,
    });

    await rankedCandidate(need.id, expertId);
    const proposed = await request(h.t.app)
      .post(`/api/v1/needs/${need.id}/matches`)
      .set(h.coordinator.header)
      .send({ expertId });
    expect(proposed.status).toBe(201);
    const confirmed = await request(h.t.app)
      .post(`/api/v1/matches/${proposed.body.id}/confirm`)
      .set(h.coordinator.header);
    expect(confirmed.body.status).toBe('offered');

    const offer = await h.sink.waitFor((m) => m.to.includes(String(expert?.email)));
    expect(offer.subject).toMatch(/invitation|Invitation/);
    expect(offer.html).toContain('Chen &lt;script&gt;');
    expect(offer.html).not.toContain('<script>alert');
    expect(offer.text).toContain(need.title as string);

    const { agent, page } = await openLink(linkAfter(offer, /offer-accept|token=/));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Accept the invitation');
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    expect(token).toBeDefined();
    const answered = await agent.post('/offers/respond').type('form').send({ token });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('You have accepted');

    const match = await Match.findById(proposed.body.id).lean();
    expect(match?.status).toBe('engaged');
    expect(match?.history.map((x) => [x.to, x.channel])).toEqual([
      ['proposed', 'web'],
      ['confirmed', 'web'],
      ['offered', 'web'],
      ['accepted', 'email-link'],
      ['engaged', 'system'],
    ]);
    const needNow = await Need.findById(need.id).lean();
    expect(needNow).toMatchObject({ filledCount: 1, status: 'filled' });
    const expertNow = await Expert.findById(expertId).lean();
    expect(expertNow).toMatchObject({ activeEngagements: 1, pendingOffers: 0 });
    const org = await Organisation.findById(employer.organisationId).lean();
    await h.sink.waitFor(
      (m) => m.to.includes(String(org?.contact.email)) && m.text.includes(need.title as string),
    );

    const replay = await request(h.t.app).post('/offers/respond').type('form').send({ token });
    expect(replay.status).toBe(409);
    expect(replay.text).toContain('已经用过');
    const employerView = await request(h.t.app)
      .get(`/api/v1/matches/${proposed.body.id}`)
      .set(employer.header);
    expect(employerView.body.expert).toMatchObject({ email: expert?.email, contactMasked: false });
  });

  test('when the need asks for the employer’s approval, then the offer waits for it, and a declined link re-routes', async () => {
    const employer = await registerEmployer(h.t.app, { verified: true });
    const expertId = await createExpertAs(h.t.app, h.coordinator, { ...KONJAC, name: '王审批' });
    const expert = await Expert.findById(expertId).lean();
    const need = await createOpenNeed(h.t.app, employer.header, { expertsWanted: 1, employerApproval: true });
    await rankedCandidate(need.id, expertId);
    const proposed = await request(h.t.app)
      .post(`/api/v1/needs/${need.id}/matches`)
      .set(h.coordinator.header)
      .send({ expertId });
    const confirmed = await request(h.t.app)
      .post(`/api/v1/matches/${proposed.body.id}/confirm`)
      .set(h.coordinator.header);
    expect(confirmed.body.status).toBe('awaiting_employer');
    const masked = await request(h.t.app).get(`/api/v1/matches/${proposed.body.id}`).set(employer.header);
    expect(masked.body.expert.contactMasked).toBe(true);
    expect(masked.body.expert.email).not.toBe(expert?.email);
    expect(h.sink.filter((m) => m.to.includes(String(expert?.email)))).toHaveLength(0);

    const approved = await request(h.t.app)
      .post(`/api/v1/matches/${proposed.body.id}/decision`)
      .set(employer.header)
      .send({ approve: true });
    expect(approved.body.status).toBe('offered');
    const offer = await h.sink.waitFor((m) => m.to.includes(String(expert?.email)));
    expect(offer.subject).toMatch(/诚邀/);

    const links = [...offer.text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => new URL(m[0]));
    const [acceptUrl, declineUrl] = links.filter((u) => u.pathname === '/offers/respond');
    expect(declineUrl).toBeDefined();
    const { agent, page } = await openLink(declineUrl.pathname + declineUrl.search);
    expect(page.text).toContain('确认婉拒');
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    const tampered = `${token?.slice(0, -2)}xx`;
    expect((await agent.post('/offers/respond').type('form').send({ token: tampered })).status).toBe(400);
    const answered = await agent.post('/offers/respond').type('form').send({ token, reason: '时间冲突' });
    expect(answered.status).toBe(200);
    const match = await Match.findById(proposed.body.id).lean();
    expect(match?.status).toBe('declined');
    expect(match?.history.at(-1)).toMatchObject({
      to: 'declined',
      channel: 'email-link',
      reason: '时间冲突',
    });
    // The accept link of the same offer is no use any more: the offer was answered.
    const late = await openLink(acceptUrl.pathname + acceptUrl.search);
    const lateToken = /name="token" value="([^"]+)"/.exec(late.page.text)?.[1];
    const lateAnswer = await late.agent.post('/offers/respond').type('form').send({ token: lateToken });
    expect(lateAnswer.status).toBe(409);
    expect(await Match.countDocuments({ needId: need.id, status: 'engaged' })).toBe(0);
    const next = await eventually(() => Match.findOne({ needId: need.id, status: 'proposed' }).lean());
    expect(String(next.expertId)).not.toBe(expertId);
  });
});
