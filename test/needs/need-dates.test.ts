import { Types } from 'mongoose';
import request from 'supertest';
import { Match } from '../../src/modules/matches/match.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createNeed, createOpenNeed } from '../support/needs.factory';
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

const api = () => request(t.app);

describe("a need's period cannot lie in the past", () => {
  test('when a need is created with a period that ended yesterday, then 400 names period.to and nothing is stored', async () => {
    const res = await api()
      .post('/api/v1/needs')
      .set(employer.header)
      .send({
        title: '过期的需求',
        field: 'agriculture',
        minTitleLevel: 'associate_senior',
        mode: 'periodic',
        county: '500114',
        period: { from: inDays(-30), to: inDays(-1) },
        expertsWanted: 1,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.period.to', message: 'the period must not lie in the past' },
    ]);
    const list = await api().get('/api/v1/needs').set(employer.header);
    expect(list.body.items.map((n: { title: string }) => n.title)).not.toContain('过期的需求');
  });

  test('when a period has begun but not ended, or ends today, then it is accepted', async () => {
    const running = await createNeed(t.app, employer.header, {
      period: { from: inDays(-10), to: inDays(30) },
    });
    expect(running.period).toEqual({ from: inDays(-10), to: inDays(30) });
    const today = await createNeed(t.app, employer.header, { period: { from: inDays(0), to: inDays(0) } });
    expect(today.period).toEqual({ from: inDays(0), to: inDays(0) });
  });

  test('when a need is changed to a period in the past, then 400 names period.to and the need keeps its period', async () => {
    const need = await createNeed(t.app, employer.header, { period: { from: inDays(5), to: inDays(60) } });
    for (const who of [employer, coordinator]) {
      const res = await api()
        .patch(`/api/v1/needs/${need.id}`)
        .set(who.header)
        .send({ period: { from: inDays(-60), to: inDays(-5) } });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'body.period.to', message: 'the period must not lie in the past' },
      ]);
    }
    const stored = await api().get(`/api/v1/needs/${need.id}`).set(employer.header);
    expect(stored.body.period).toEqual({ from: inDays(5), to: inDays(60) });
  });
});

describe('completing an engagement', () => {
  /** An engagement on a need of this employer whose period is given (the offer path has its own tests). */
  async function engagement(period: { from: string; to: string }) {
    const need = await createOpenNeed(t.app, employer.header, { period });
    const match = await Match.create({
      needId: need.id,
      expertId: new Types.ObjectId(),
      organisationId: employer.organisationId,
      status: 'engaged',
      history: [{ to: 'engaged', at: new Date(), channel: 'system' }],
    });
    return String(match._id);
  }
  const complete = (matchId: string, body: Record<string, unknown>, who: SignedIn = employer) =>
    api().post(`/api/v1/matches/${matchId}/complete`).set(who.header).send(body);

  test('when the service has not started yet, then 409 SERVICE_NOT_STARTED and the match stays engaged', async () => {
    const matchId = await engagement({ from: inDays(10), to: inDays(60) });
    for (const body of [{ rating: 5 }, { rating: 5, endedOn: inDays(0) }]) {
      const res = await complete(matchId, body);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'SERVICE_NOT_STARTED',
        details: { startsOn: inDays(10) },
      });
    }
    expect((await Match.findById(matchId).lean())?.status).toBe('engaged');
  });

  test('when no end date is given, then today (China time) is recorded', async () => {
    const matchId = await engagement({ from: inDays(-20), to: inDays(40) });
    const res = await complete(matchId, { rating: 4, comment: '很专业' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', rating: 4, endedOn: inDays(0) });
  });

  test('when the real end date is given, then it is recorded', async () => {
    const matchId = await engagement({ from: inDays(-20), to: inDays(40) });
    const res = await complete(matchId, { rating: 5, endedOn: inDays(-3) }, coordinator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', endedOn: inDays(-3) });
    expect((await Match.findById(matchId).lean())?.endedOn).toBe(inDays(-3));
  });

  test('when the end date is after today or before the service started, then 400 names endedOn and nothing changes', async () => {
    const matchId = await engagement({ from: inDays(-20), to: inDays(40) });
    for (const endedOn of [inDays(1), inDays(-21), '2026-02-30']) {
      const res = await complete(matchId, { rating: 5, endedOn });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'body.endedOn' })]);
    }
    expect((await Match.findById(matchId).lean())?.status).toBe('engaged');
  });
});
