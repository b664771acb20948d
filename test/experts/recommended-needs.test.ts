import request from 'supertest';
import { touchExpert } from '../../src/modules/experts/expert-records.service';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createMatch, type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { createNeed, createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

const URL = '/api/v1/experts/me/recommended-needs';

let t: TestApp;
let employer: Employer;
let coordinator: SignedIn;
let expert: RegisteredExpert;
/** Needs the expert meets (cardiology, on site or remote) and needs they do not. */
const met: Record<string, string> = {};

/** A cardiology need the expert of buildExpert() meets. */
const cardiology = (overrides: Record<string, unknown> = {}) => ({
  field: 'health',
  mustHaveSkills: ['health.cardiology.arrhythmia'],
  niceToHaveSkills: [],
  mode: 'onsite',
  county: '500114',
  minTitleLevel: 'associate_senior',
  ...overrides,
});

const listFor = (who: { header: { Authorization: string } }, query: Record<string, string> = {}) =>
  request(t.app).get(URL).query(query).set(who.header);

beforeAll(async () => {
  t = await startTestApp();
  [employer, coordinator, expert] = await Promise.all([
    registerEmployer(t.app, { verified: true }),
    staffUser(t.app, 'coordinator'),
    registerExpert(t.app),
  ]);
  met.here = (await createOpenNeed(t.app, employer.header, cardiology({ title: '黔江心内科驻点' }))).id;
  met.remote = (
    await createOpenNeed(
      t.app,
      employer.header,
      cardiology({ title: '远程心电会诊', mode: 'remote', county: '520602', daysPerMonth: undefined }),
    )
  ).id;
  met.later = (
    await createOpenNeed(
      t.app,
      employer.header,
      cardiology({
        title: '恩施心律失常门诊',
        county: '422801',
        period: { from: inDays(200), to: inDays(400) },
      }),
    )
  ).id;
  // not met: another field; a mode the expert does not accept; a draft is not on the board
  await createOpenNeed(t.app, employer.header);
  await createOpenNeed(t.app, employer.header, cardiology({ mode: 'periodic' }));
  await createNeed(t.app, employer.header, cardiology({ title: '草稿' }));
});
afterAll(() => t.close());

describe('GET /experts/me/recommended-needs', () => {
  test('when an expert asks, then only the open needs they meet are listed, best first, each explained as the coordinator sees it', async () => {
    const res = await listFor(expert.auth);
    expect(res.status).toBe(200);
    expect(res.body.paused).toBe(false);
    expect(res.body.engineVersion).toBe('v3');
    const ids = res.body.items.map((i: { need: { id: string } }) => i.need.id);
    expect(new Set(ids)).toEqual(new Set(Object.values(met)));
    expect(res.body.total).toBe(3);
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const item of res.body.items) {
      expect(item.atLimit).toBe(false);
      // the public view: the organisation's name, no priority flag or approval setting
      expect(item.need.organisation.id).toBe(employer.organisationId);
      expect(item.need).not.toHaveProperty('priority');
      expect(item.contributions.length).toBeGreaterThan(5);
      expect(item.contributions[0].reason['zh-CN']).not.toBe('');
      const why = await request(t.app)
        .get(`/api/v1/needs/${item.need.id}/candidates/${expert.expertId}/explanation`)
        .set(coordinator.header);
      expect(why.body).toEqual({
        excluded: false,
        expertId: expert.expertId,
        score: item.score,
        contributions: item.contributions,
        notes: item.notes,
      });
    }
  });

  test('when filters are given, then only the needs matching them are listed; bad filters are a 400 naming the field', async () => {
    const ids = async (query: Record<string, string>) => {
      const res = await listFor(expert.auth, query);
      expect(res.status).toBe(200);
      return res.body.items.map((i: { need: { id: string } }) => i.need.id).sort();
    };
    expect(await ids({ county: '500114' })).toEqual([met.here]);
    expect(await ids({ mode: 'remote' })).toEqual([met.remote]);
    expect(await ids({ field: 'health.cardiology' })).toHaveLength(3);
    expect(await ids({ field: 'agriculture' })).toEqual([]);
    expect(await ids({ from: inDays(350) })).toEqual([met.later]);
    expect(await ids({ to: inDays(100) })).toEqual([met.here, met.remote].sort());
    const page = await listFor(expert.auth, { pageSize: '2', page: '2' });
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(1);

    const bad = await listFor(expert.auth, {
      from: inDays(10),
      to: inDays(1),
      pageSize: '51',
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['query.pageSize']));
    const order = await listFor(expert.auth, { from: inDays(10), to: inDays(1) });
    expect(order.status).toBe(400);
    expect(order.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.to']);
  });

  test('when another role or nobody asks, then the answer is 403 or 401', async () => {
    expect((await listFor(employer)).status).toBe(403);
    expect((await listFor(coordinator)).status).toBe(403);
    expect((await request(t.app).get(URL)).status).toBe(401);
  });

  test('when the expert has paused, then no need is recommended and the answer says so', async () => {
    const pausing = await registerExpert(t.app);
    const on = await request(t.app)
      .patch('/api/v1/experts/me')
      .set(pausing.auth.header)
      .send({ availability: { paused: true } });
    expect(on.status).toBe(200);
    const res = await listFor(pausing.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ paused: true, items: [], total: 0 });
  });

  test('when the expert’s places are all taken, then they still see the needs, each marked at the limit', async () => {
    const busy = await registerExpert(t.app, {
      availability: {
        windows: [{ from: inDays(-300), to: inDays(700) }],
        daysPerMonth: 10,
        maxConcurrent: 1,
      },
    });
    // an engagement whose need's period is unknown holds the one place all the time
    await createMatch(busy.expertId, String(employer.organisationId), 'engaged');
    await touchExpert(busy.expertId);
    const res = await listFor(busy.auth);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.every((i: { atLimit: boolean }) => i.atLimit)).toBe(true);
  });

  test('when a need is edited out of reach, cancelled, or its organisation is no longer verified, then it drops off at the next look', async () => {
    const other = await registerEmployer(t.app, { verified: true });
    const [edited, cancelled, heldBack] = await Promise.all(
      ['改为定期', '取消', '待审核'].map(
        async (title) => (await createOpenNeed(t.app, other.header, cardiology({ title }))).id,
      ),
    );
    const ids = async () =>
      (await listFor(expert.auth)).body.items.map((i: { need: { id: string } }) => i.need.id);
    expect(await ids()).toEqual(expect.arrayContaining([edited, cancelled, heldBack]));

    const patch = await request(t.app)
      .patch(`/api/v1/needs/${edited}`)
      .set(other.header)
      .send({ mode: 'periodic' });
    expect(patch.status).toBe(200);
    expect((await request(t.app).post(`/api/v1/needs/${cancelled}/cancel`).set(other.header)).status).toBe(
      200,
    );
    const after = await ids();
    expect(after).not.toContain(edited);
    expect(after).not.toContain(cancelled);
    expect(after).toContain(heldBack);

    await Organisation.updateOne({ _id: other.organisationId }, { $set: { status: 'pending' } });
    expect(await ids()).not.toContain(heldBack);
    await Organisation.updateOne({ _id: other.organisationId }, { $set: { status: 'verified' } });
    expect(await ids()).toContain(heldBack);
    expect(await ids()).toEqual(expect.arrayContaining(Object.values(met)));
  });
});
