import { Types } from 'mongoose';
import request from 'supertest';
import { Need } from '../../src/modules/needs/need.model';
import { startTestApp, type TestApp } from '../support/app';
import { staffUser } from '../support/auth';
import { createMatch, registerExpert } from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const exportOf = (header: Record<string, string>) => request(t.app).get('/api/v1/me/export').set(header);

describe('GET /me/export', () => {
  test('when an expert exports, then account, profile with consents, matches with history and audit entries about them are in it', async () => {
    const expert = await registerExpert(t.app, {
      healthNote: '腰椎不宜久坐',
      healthConsent: { textVersion: 'health-2026-01', accepted: true },
    });
    const coord = await staffUser(t.app, 'coordinator');
    await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(coord.header)
      .send({ yearsOfExperience: 36 });
    const matchId = await createMatch(expert.expertId, new Types.ObjectId().toString(), 'accepted');

    const res = await exportOf(expert.auth.header);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.account).toMatchObject({ email: expert.email, role: 'expert' });
    expect(res.body.account).not.toHaveProperty('passwordHash');
    expect(res.body.expert).toMatchObject({
      id: expert.expertId,
      birthYear: 1960,
      healthNote: '腰椎不宜久坐',
    });
    expect(res.body.expert.consents.map((c: { kind: string }) => c.kind)).toEqual(['profile', 'health']);
    expect(res.body.matches).toEqual([
      expect.objectContaining({
        _id: matchId,
        status: 'accepted',
        history: [expect.objectContaining({ to: 'accepted' })],
      }),
    ]);
    expect(res.body.audit).toEqual([
      expect.objectContaining({
        action: 'expert.update',
        actorRole: 'coordinator',
        byYou: false,
        details: { fields: ['yearsOfExperience'] },
      }),
    ]);
    // The coordinator's own identifiers are their data, not the expert's.
    expect(JSON.stringify(res.body)).not.toContain(coord.userId);
  });

  test("when an employer exports, then the account, the organisation and its needs are in it, and no expert's", async () => {
    const employer = await employerUser();
    await Need.create({
      organisationId: employer.organisationId,
      title: '心内科门诊坐诊',
      field: 'health',
      mode: 'onsite',
      county: '500114',
      period: { from: '2026-03-01', to: '2026-08-31' },
      expertsWanted: 1,
      createdBy: employer.userId,
    });
    const res = await exportOf(employer.header);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ email: employer.email, role: 'employer' });
    expect(res.body.account).not.toHaveProperty('passwordHash');
    expect(res.body.organisation).toMatchObject({ _id: employer.organisationId, name: '黔江区人民医院' });
    expect(res.body.needs).toEqual([expect.objectContaining({ title: '心内科门诊坐诊' })]);
    expect(res.body).not.toHaveProperty('expert');
  });

  test('when a coordinator exports, then their account and the actions they took are in it', async () => {
    const coord = await staffUser(t.app, 'coordinator');
    const expert = await registerExpert(t.app);
    await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(coord.header)
      .send({ languages: ['zh', 'en'] });
    const res = await exportOf(coord.header);
    expect(res.body.account).toMatchObject({ email: coord.email, role: 'coordinator' });
    expect(res.body.audit).toEqual([expect.objectContaining({ action: 'expert.update', byYou: true })]);
  });

  test('when nobody is signed in, then 401', async () => {
    expect((await request(t.app).get('/api/v1/me/export')).status).toBe(401);
  });
});
