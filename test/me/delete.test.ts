import request from 'supertest';
import { ApiToken } from '../../src/modules/accounts/api-token.model';
import { User } from '../../src/modules/accounts/user.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, sessionAgent, staffUser, TEST_PASSWORD } from '../support/auth';
import { createMatch, registerExpert } from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

describe('DELETE /me for an expert', () => {
  test('when an expert deletes their data, then the profile is anonymised and every match in play, the engagement too, is cancelled with history', async () => {
    const expert = await registerExpert(t.app, {
      healthNote: '心脏支架',
      healthConsent: { textVersion: 'health-2026-01', accepted: true },
    });
    const org = (await employerUser()).organisationId;
    const proposed = await createMatch(expert.expertId, org, 'proposed');
    const offered = await createMatch(expert.expertId, org, 'offered');
    const engaged = await createMatch(expert.expertId, org, 'engaged');
    await Expert.updateOne({ _id: expert.expertId }, { $set: { activeEngagements: 1, pendingOffers: 1 } });

    const res = await request(t.app).delete('/api/v1/me').set(expert.auth.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, matchesCancelled: 3 });

    const stored = await Expert.findById(expert.expertId).lean();
    expect(stored).toMatchObject({
      name: '已注销用户',
      email: `deleted-${expert.expertId}@invalid.local`,
      status: 'deleted',
      residenceCounty: '500114',
      fields: ['health'],
      skills: ['health.cardiology'],
      title: { level: 'full_senior', series: 'health' },
      activeEngagements: 0,
      pendingOffers: 0,
      honours: [{ level: 'provincial', year: 2015 }],
    });
    for (const key of [
      'phone',
      'birthYear',
      'gender',
      'healthNote',
      'formerEmployer',
      'position',
      'expectations',
    ]) {
      expect(stored).not.toHaveProperty(key);
    }
    expect(stored?.tags).toEqual([]);
    expect(stored?.consents.map((c) => c.kind)).toEqual(['profile', 'health']);

    for (const [id, from] of [
      [proposed, 'proposed'],
      [offered, 'offered'],
      [engaged, 'engaged'],
    ]) {
      const m = await Match.findById(id).lean();
      expect(m?.status).toBe('cancelled');
      expect(m?.history.at(-1)).toMatchObject({
        from,
        to: 'cancelled',
        channel: 'web',
        reason: 'expert deleted their data',
        at: expect.any(Date),
      });
    }
  });

  test('when an expert deletes their data, then the account is disabled, its tokens revoked, and the old password no longer works', async () => {
    const expert = await registerExpert(t.app);
    expect((await request(t.app).delete('/api/v1/me').set(expert.auth.header)).status).toBe(200);
    const user = await User.findById(expert.userId).lean();
    expect(user).toMatchObject({
      email: `deleted-${expert.userId}@invalid.local`,
      displayName: '已注销用户',
    });
    expect(user?.disabledAt).toBeInstanceOf(Date);
    expect(user?.passwordHash).toBeUndefined();
    expect(await ApiToken.countDocuments({ userId: expert.userId, revokedAt: { $exists: false } })).toBe(0);
    expect((await request(t.app).get('/api/v1/experts/me').set(expert.auth.header)).status).toBe(401);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: expert.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);
  });

  test('when an expert deletes their data, then staff see the anonymised record and employers get 404; the email can sign up again', async () => {
    const expert = await registerExpert(t.app);
    await request(t.app).delete('/api/v1/me').set(expert.auth.header);
    const staffView = await request(t.app).get(`/api/v1/experts/${expert.expertId}`).set(coord.header);
    expect(staffView.body).toMatchObject({
      status: 'deleted',
      name: '已注销用户',
      phone: null,
      birthYear: null,
    });
    const edit = await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(coord.header)
      .send({ name: 'x' });
    expect(edit.status).toBe(409);
    const employer = await employerUser();
    expect((await request(t.app).get(`/api/v1/experts/${expert.expertId}`).set(employer.header)).status).toBe(
      404,
    );
    const again = await registerExpert(t.app, { email: expert.email });
    expect(again.expertId).not.toBe(expert.expertId);
  });

  test('when the request comes from a cookie session, then the session is destroyed', async () => {
    const expert = await registerExpert(t.app);
    const { agent, csrfToken } = await sessionAgent(t.app, expert.email);
    const res = await agent.delete('/api/v1/me').set('X-CSRF-Token', csrfToken);
    expect(res.status).toBe(200);
    expect((await agent.get('/api/v1/auth/session')).body.user).toBeNull();
  });
});

describe('DELETE /me for others', () => {
  test('when a coordinator asks, then 403 and the account still works', async () => {
    expect((await request(t.app).delete('/api/v1/me').set(coord.header)).status).toBe(403);
    expect((await request(t.app).get('/api/v1/me/export').set(coord.header)).status).toBe(200);
  });

  test("when an employer's contact person deletes their data, then the account is anonymised and disabled, and the organisation stays without naming them", async () => {
    const employer = await employerUser();
    expect((await request(t.app).delete('/api/v1/me').set(employer.header)).status).toBe(200);
    const user = await User.findById(employer.userId).lean();
    expect(user).toMatchObject({ displayName: '已注销用户', disabledAt: expect.any(Date) });
    const org = await Organisation.findById(employer.organisationId).lean();
    expect(org).toMatchObject({ name: '黔江区人民医院', contact: { name: '已注销用户' } });
    expect(org?.contact.email).not.toBe(employer.email);
    expect(org?.contact).not.toHaveProperty('phone');
  });
});
