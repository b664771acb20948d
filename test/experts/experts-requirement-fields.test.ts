import { Types } from 'mongoose';
import request from 'supertest';
import { Expert } from '../../src/modules/experts/expert.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import {
  buildExpert,
  createExpertAs,
  registerExpert,
  signedUpAccount,
  tokenFor,
} from '../support/experts.factory';

/** The profile fields a need's requirements are checked against: preferred modes, blocked periods, title name, trade. */

let t: TestApp;
let coord: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const paths = (res: request.Response): string[] =>
  res.body.error.details.map((d: { path: string }) => d.path);
const register = (overrides: Record<string, unknown>) =>
  request(t.app).post('/api/v1/experts/register').send(buildExpert(overrides));

/** Signs up (202) and reads the profile as its owner does: sign-up itself does not return it. */
async function registered(overrides: Record<string, unknown>) {
  const body = buildExpert(overrides);
  const res = await request(t.app).post('/api/v1/experts/register').send(body);
  expect(res.status).toBe(202);
  const user = await signedUpAccount(body.email);
  const auth = await tokenFor(String(user._id), body.email);
  return (await request(t.app).get('/api/v1/experts/me').set(auth.header)).body;
}

describe('preferred modes', () => {
  test('when preferred modes are among the accepted ones, then they are stored and returned', async () => {
    const expert = await registered({ modes: ['onsite', 'remote'], preferredModes: ['remote'] });
    expect(expert.preferredModes).toEqual(['remote']);
    expect((await Expert.findById(expert.id).lean())?.preferredModes).toEqual(['remote']);
  });

  test('when a preferred mode is not accepted or repeated, then 400 names preferredModes', async () => {
    const notAccepted = await register({ modes: ['remote'], preferredModes: ['onsite'] });
    expect(notAccepted.status).toBe(400);
    expect(paths(notAccepted)).toEqual(['body.preferredModes']);
    const twice = await register({ modes: ['remote'], preferredModes: ['remote', 'remote'] });
    expect(twice.status).toBe(400);
    expect(paths(twice)).toEqual(['body.preferredModes']);
  });

  test('when edited, then a preference is checked against the stored modes; changing modes alone drops the ones no longer accepted', async () => {
    const expert = await registerExpert(t.app, { modes: ['onsite', 'periodic'], preferredModes: [] });
    const patch = (body: object) =>
      request(t.app).patch(`/api/v1/experts/${expert.expertId}`).set(expert.auth.header).send(body);
    const refused = await patch({ preferredModes: ['remote'] });
    expect(refused.status).toBe(400);
    expect(paths(refused)).toEqual(['body.preferredModes']);
    expect((await patch({ preferredModes: ['periodic', 'onsite'] })).body.preferredModes).toEqual([
      'periodic',
      'onsite',
    ]);
    const narrowed = await patch({ modes: ['onsite', 'remote'] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.preferredModes).toEqual(['onsite']);
    expect((await patch({ preferredModes: [] })).body.preferredModes).toEqual([]);
  });
});

describe('blocked periods', () => {
  test('when periods are given, then they are stored and shown to the expert and staff but not to employers', async () => {
    const periods = [
      { from: '2026-12-01', to: '2026-12-31' },
      { from: '2027-01-05', to: '2027-01-05' },
    ];
    const expert = await registerExpert(t.app, {
      availability: { windows: [{ from: '2026-03-01', to: '2027-06-30' }], blockedPeriods: periods },
    });
    const me = await request(t.app).get('/api/v1/experts/me').set(expert.auth.header);
    expect(me.body.availability.blockedPeriods).toEqual(periods);
    expect(me.body.availability.blockedDates).toEqual([]);
    const staff = await request(t.app).get(`/api/v1/experts/${expert.expertId}`).set(coord.header);
    expect(staff.body.availability.blockedPeriods).toEqual(periods);
  });

  test('when a period ends before it starts, is over 366 days, or there are too many, then 400 names the place', async () => {
    const backwards = await register({
      availability: { blockedPeriods: [{ from: '2026-12-31', to: '2026-12-01' }] },
    });
    expect(backwards.status).toBe(400);
    expect(paths(backwards)).toEqual(['body.availability.blockedPeriods.0.to']);
    const tooLong = await register({
      availability: {
        blockedPeriods: [
          { from: '2026-01-01', to: '2026-12-31' },
          { from: '2027-01-01', to: '2028-01-02' },
        ],
      },
    });
    expect(tooLong.status).toBe(400);
    expect(paths(tooLong)).toEqual(['body.availability.blockedPeriods.1.to']);
    const leapYear = await register({
      availability: { blockedPeriods: [{ from: '2028-01-01', to: '2028-12-31' }] },
    });
    expect(leapYear.status).toBe(202);
    const many = Array.from({ length: 51 }, (_, i) => ({
      from: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
      to: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const tooMany = await register({ availability: { blockedPeriods: many } });
    expect(tooMany.status).toBe(400);
    expect(paths(tooMany)).toEqual(['body.availability.blockedPeriods']);
  });

  test('when a period is patched, then the old blocked dates stay as they were', async () => {
    const expert = await registerExpert(t.app);
    const res = await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(expert.auth.header)
      .send({ availability: { blockedPeriods: [{ from: '2026-08-01', to: '2026-08-15' }] } });
    expect(res.status).toBe(200);
    expect(res.body.availability).toMatchObject({
      blockedDates: [inDays(40)], // the factory's
      blockedPeriods: [{ from: '2026-08-01', to: '2026-08-15' }],
    });
  });
});

describe('title by name', () => {
  test('when only the name is given, then the level and series are filled from it and the name is stored', async () => {
    const expert = await registered({ title: { name: '主任医师' } });
    expect(expert.title).toEqual({ name: '主任医师', level: 'full_senior', series: 'health' });
    expect((await Expert.findById(expert.id).lean())?.title).toEqual({
      name: '主任医师',
      level: 'full_senior',
      series: 'health',
    });
  });

  test('when the name agrees with the level and series given, then it is accepted as given', async () => {
    const expert = await registered({
      title: { name: '副主任医师', level: 'associate_senior', series: 'health' },
    });
    expect(expert.title).toEqual({
      name: '副主任医师',
      level: 'associate_senior',
      series: 'health',
    });
  });

  test('when the level or series contradicts the name, the name is unknown, or neither name nor level is given, then 400 names the field', async () => {
    for (const [title, path] of [
      [{ name: '主任医师', level: 'associate_senior' }, 'body.title.name'],
      [{ name: '主任医师', series: 'engineering' }, 'body.title.name'],
      [{ name: '宇宙总设计师' }, 'body.title.name'],
      [{ series: 'health' }, 'body.title.level'],
    ] as const) {
      const res = await register({ title });
      expect({ title, status: res.status, paths: paths(res) }).toEqual({ title, status: 400, paths: [path] });
    }
    const contradiction = await register({ title: { name: '主任医师', level: 'junior' } });
    expect(contradiction.body.error.details[0].message).toMatch(
      /^主任医师 is a full senior title \(health\)$/,
    );
  });

  test('when the title is patched by name alone, then the old level and series are replaced by the name’s', async () => {
    const expert = await registerExpert(t.app, { title: { level: 'intermediate', series: 'engineering' } });
    const res = await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(expert.auth.header)
      .send({ title: { name: '副主任医师' } });
    expect(res.status).toBe(200);
    expect(res.body.title).toEqual({ name: '副主任医师', level: 'associate_senior', series: 'health' });
  });
});

describe('trade name', () => {
  test('when a known trade is given, then it is stored and returned; cleared with null', async () => {
    const expert = await registerExpert(t.app, {
      title: null,
      skillLevel: 'senior_technician',
      tradeName: '数控车工',
    });
    const me = await request(t.app).get('/api/v1/experts/me').set(expert.auth.header);
    expect(me.body).toMatchObject({ tradeName: '数控车工', skillLevel: 'senior_technician' });
    const cleared = await request(t.app)
      .patch(`/api/v1/experts/${expert.expertId}`)
      .set(expert.auth.header)
      .send({ tradeName: null });
    expect(cleared.body.tradeName).toBeNull();
    expect((await Expert.findById(expert.expertId).lean())?.tradeName).toBeUndefined();
  });

  test('when the trade is unknown or too long, then 400 names tradeName', async () => {
    for (const tradeName of ['宇宙飞船驾驶工', '焊'.repeat(31)]) {
      const res = await register({ tradeName });
      expect({ tradeName, status: res.status, paths: paths(res) }).toEqual({
        tradeName,
        status: 400,
        paths: ['body.tradeName'],
      });
    }
  });
});

describe('profiles stored before these fields', () => {
  test('when an old profile is read, then the new fields come back empty', async () => {
    const id = new Types.ObjectId();
    await Expert.collection.insertOne({
      _id: id,
      name: '老档案',
      email: uniqueEmail('old'),
      title: { level: 'full_senior', series: 'agriculture' },
      modes: ['remote'],
      availability: { windows: [], blockedDates: ['2026-05-01'], maxConcurrent: 1, paused: false },
      status: 'active',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const res = await request(t.app).get(`/api/v1/experts/${id}`).set(coord.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: { name: null, level: 'full_senior', series: 'agriculture' },
      tradeName: null,
      preferredModes: [],
      availability: { blockedDates: ['2026-05-01'], blockedPeriods: [] },
    });
  });

  test('when a coordinator registers an expert with the new fields, then they are stored', async () => {
    const id = await createExpertAs(t.app, coord, {
      modes: ['onsite', 'periodic'],
      preferredModes: ['periodic'],
      title: { name: '主任医师' },
      availability: { blockedPeriods: [{ from: '2026-10-01', to: '2026-10-07' }] },
    });
    const stored = await Expert.findById(id).lean();
    expect(stored?.preferredModes).toEqual(['periodic']);
    expect(stored?.title?.name).toBe('主任医师');
    expect(stored?.availability?.blockedPeriods).toEqual([{ from: '2026-10-01', to: '2026-10-07' }]);
  });
});
