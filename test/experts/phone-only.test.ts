import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { remindOffer } from '../../src/modules/matches/offer.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import { buildAssistedExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
  await seedCatalogue();
});
afterAll(() => t.close());

const api = () => request(t.app);

/** A tea expert who fits the factory's need, registered by the office without an email. */
function phoneOnlyBody(phone: string, overrides: Record<string, unknown> = {}) {
  const { email: _none, ...body } = buildAssistedExpert({
    name: '冉老茶',
    phone,
    fields: ['agriculture'],
    skills: ['agriculture.tea.processing'],
    title: { level: 'full_senior', series: 'agriculture' },
    modes: ['onsite', 'periodic', 'remote'],
    availability: { windows: [{ from: inDays(0), to: inDays(400) }], maxConcurrent: 2 },
    ...overrides,
  });
  return body;
}

const emailsAbout = (matchId: string) =>
  OutboxEmail.find({ 'related.type': 'match', 'related.id': matchId }).lean();

describe('phone-only experts', () => {
  test('when neither an email nor a phone number is given, then registration is refused on the phone field', async () => {
    const { phone: _none, ...body } = phoneOnlyBody('13900000001');
    const res = await api().post('/api/v1/experts').set(coordinator.header).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'body.phone' })]),
    );
    expect(await Expert.countDocuments({ name: '冉老茶', phone: { $exists: false } })).toBe(0);
  });

  test('when two experts without email are registered, then both are kept, with no account; a shared address is still refused', async () => {
    const first = await api()
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send(phoneOnlyBody('13900000002'));
    const second = await api()
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send(phoneOnlyBody('13900000003'));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body).toMatchObject({ email: null, userId: null, phone: '13900000002' });
    expect(await User.countDocuments({ expertId: first.body.id })).toBe(0);

    const email = uniqueEmail('shared');
    const withEmail = await api()
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send({ ...phoneOnlyBody('13900000004'), email });
    expect(withEmail.status).toBe(201);
    const again = await api()
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send({ ...phoneOnlyBody('13900000005'), email });
    expect(again.status).toBe(409);
    // The profiles' own index keeps addresses unique too, and leaves out those without one.
    await expect(Expert.create({ name: '重复', email })).rejects.toMatchObject({ code: 11000 });
  });

  test('when a phone-only expert is offered, answers by phone and is engaged, then no email is filed for them and nothing fails', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const created = await api()
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send(phoneOnlyBody('13900000006'));
    const expertId = created.body.id as string;
    const need = await createOpenNeed(t.app, employer.header, {
      expertsWanted: 1,
      employerApproval: false,
      period: { from: inDays(10), to: inDays(200) },
    });
    await rankNeed(t.ctx, need.id);

    const offered = await api()
      .post(`/api/v1/needs/${need.id}/candidates/${expertId}/confirm`)
      .set(coordinator.header);
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({ status: 'offered', expert: { email: null, phone: '13900000006' } });
    const matchId = offered.body.id as string;
    expect(await emailsAbout(matchId)).toEqual([]);

    // The offer's reminder falls due: nothing to send, nothing fails.
    await Match.updateOne({ _id: matchId }, { $set: { offerExpiresAt: new Date(Date.now() + 3_600_000) } });
    await expect(remindOffer(t.ctx, matchId)).resolves.toBe(true);
    expect(await emailsAbout(matchId)).toEqual([]);

    // The coordinator sees that the offer is to be relayed by phone, on the match and the expert's page.
    const coord = await pageAgent(t.app, coordinator.email);
    const matchPage = await coord.agent.get(`/matches/${matchId}`);
    expect(matchPage.text).toContain('请打电话转告');
    const expertPage = await coord.agent.get(`/coordinator/experts/${expertId}`);
    expect(expertPage.text).toContain('只有电话，没有账号');
    expect(expertPage.text).toContain(`/matches/${matchId}#record-answer`);

    const answered = await api()
      .post(`/api/v1/matches/${matchId}/answer`)
      .set(coordinator.header)
      .send({ answer: 'accept', channel: 'phone' });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('engaged');
    const emails = await emailsAbout(matchId);
    expect(emails.map((e) => e.kind)).toEqual(['offer-accepted-employer']);
    expect(emails.every((e) => e.to === employer.email)).toBe(true);

    // A service request filed for them by the office: the unit is told, the expert is not emailed.
    const filed = await api()
      .post('/api/v1/service-requests')
      .set(coordinator.header)
      .send({
        serviceCode: 'talent-apartment',
        expertId,
        facts: { arrivalDate: inDays(30), months: 6, occupants: 1, needsLift: 'no' },
      });
    expect(filed.status).toBe(201);
    const requestEmails = await OutboxEmail.find({ 'related.id': filed.body.id }).lean();
    expect(requestEmails.map((e) => e.kind)).toEqual(['service-request-new-unit']);
    const accepted = await api()
      .post(`/api/v1/service-requests/${filed.body.id}/accept`)
      .set(coordinator.header);
    expect(accepted.status).toBe(200);
    expect(
      await OutboxEmail.countDocuments({
        kind: /^service-request-(received|accepted)$/,
        'related.id': filed.body.id,
      }),
    ).toBe(0);
  });

  test('when an email is added later, then the expert gets an account and an invitation to choose a password', async () => {
    const created = await api()
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send(phoneOnlyBody('13900000007'));
    const email = uniqueEmail('later');
    const patched = await api()
      .patch(`/api/v1/experts/${created.body.id}`)
      .set(coordinator.header)
      .send({ email });
    expect(patched.status).toBe(200);
    expect(patched.body.email).toBe(email);
    const user = await User.findOne({ email }).lean();
    expect(user).toMatchObject({ role: 'expert' });
    expect(String(user?.expertId)).toBe(created.body.id);
    expect(patched.body.userId).toBe(String(user?._id));
    expect(await OutboxEmail.countDocuments({ kind: 'expert-invitation', to: email })).toBe(1);
  });

  test('when a coordinator registers an expert without email on the page, then the form asks for a phone, and goes to the new expert page', async () => {
    const coord = await pageAgent(t.app, coordinator.email);
    const form = {
      _csrf: coord.csrfToken,
      name: '向电话',
      residenceCounty: '500114',
      'title.level': 'associate_senior',
      fields: 'agriculture',
      modes: 'periodic',
      preferredLanguage: 'zh-CN',
      'consent.accepted': 'true',
    };
    const refused = await coord.agent.post('/coordinator/experts').type('form').send(form);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-phone-error"[^>]*>.*没有电子邮箱时，请填写手机号码/);
    const done = await coord.agent
      .post('/coordinator/experts')
      .type('form')
      .send({ ...form, phone: '13900000008' });
    expect(done.status).toBe(303);
    const expert = await Expert.findOne({ phone: '13900000008' }).lean();
    expect(expert?.email).toBeUndefined();
    expect(done.headers.location).toBe(`/coordinator/experts/${String(expert?._id)}?done=expertRegistered`);
  });
});
