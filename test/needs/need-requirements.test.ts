import { Types } from 'mongoose';
import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { Need } from '../../src/modules/needs/need.model';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { buildNeedInput, createNeed, createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

/** What a need requires, as hard filters: a field at any depth, a title series, how strict the must-haves are. */

let t: TestApp;
let a: Employer;
beforeAll(async () => {
  t = await startTestApp();
  a = await registerEmployer(t.app, { verified: true });
});
afterAll(() => t.close());

const api = () => request(t.app);
const ids = (res: request.Response) => res.body.items.map((n: { id: string }) => n.id);
const paths = (res: request.Response): string[] =>
  res.body.error.details.map((d: { path: string }) => d.path);

describe('field at any depth', () => {
  test('when a need’s field is a sub-field, then it is created and listed under its parent field and itself', async () => {
    const county = '520621';
    const need = await createNeed(t.app, a.header, {
      county,
      field: 'health.cardiology',
      mustHaveSkills: [],
      niceToHaveSkills: [],
    });
    expect(need.field).toBe('health.cardiology');
    expect((await Need.findById(need.id).lean())?.skillScopes).toEqual(['health', 'health.cardiology']);
    const q = (field: string) => api().get(`/api/v1/needs?county=${county}&field=${field}`).set(a.header);
    expect(ids(await q('health'))).toEqual([need.id]);
    expect(ids(await q('health.cardiology'))).toEqual([need.id]);
    expect(ids(await q('agriculture'))).toEqual([]);
  });

  test('when the field is a skill, then it is listed under its sub-field and field; an unknown code is 400 on field', async () => {
    const county = '520622';
    const need = await createNeed(t.app, a.header, {
      county,
      field: 'agriculture.tea.processing',
      mustHaveSkills: [],
      niceToHaveSkills: [],
    });
    for (const field of ['agriculture', 'agriculture.tea', 'agriculture.tea.processing']) {
      const res = await api().get(`/api/v1/needs?county=${county}&field=${field}`).set(a.header);
      expect([field, ids(res)]).toEqual([field, [need.id]]);
    }
    const bad = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(buildNeedInput({ field: 'health.cardiology.nope' }));
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['body.field']);
  });

  test('when the field is patched to a sub-field, then the scopes follow it', async () => {
    const need = await createNeed(t.app, a.header, { mustHaveSkills: [], niceToHaveSkills: [] });
    const res = await api()
      .patch(`/api/v1/needs/${need.id}`)
      .set(a.header)
      .send({ field: 'health.orthopaedics.spine' });
    expect(res.status).toBe(200);
    expect(res.body.field).toBe('health.orthopaedics.spine');
    expect((await Need.findById(need.id).lean())?.skillScopes).toEqual([
      'health',
      'health.orthopaedics',
      'health.orthopaedics.spine',
    ]);
  });
});

describe('minimum title series', () => {
  test('when a series is given with a minimum title, then it is stored, returned and can be cleared', async () => {
    const need = await createNeed(t.app, a.header, {
      minTitleLevel: 'associate_senior',
      minTitleSeries: 'health',
    });
    expect(need).toMatchObject({ minTitleLevel: 'associate_senior', minTitleSeries: 'health' });
    const cleared = await api()
      .patch(`/api/v1/needs/${need.id}`)
      .set(a.header)
      .send({ minTitleSeries: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.minTitleSeries).toBeNull();
    const changed = await api()
      .patch(`/api/v1/needs/${need.id}`)
      .set(a.header)
      .send({ minTitleSeries: 'agriculture' });
    expect(changed.body.minTitleSeries).toBe('agriculture');
  });

  test('when a series comes without a minimum title, or is unknown, then 400 names minTitleSeries', async () => {
    const alone = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(
        buildNeedInput({ minTitleLevel: undefined, minSkillLevel: 'technician', minTitleSeries: 'health' }),
      );
    expect(alone.status).toBe(400);
    expect(paths(alone)).toEqual(['body.minTitleSeries']);
    const unknown = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(buildNeedInput({ minTitleSeries: 'astrology' }));
    expect(unknown.status).toBe(400);
    expect(paths(unknown)).toEqual(['body.minTitleSeries']);
  });

  test('when an edit would leave the series without a minimum title, then 400 and nothing changes', async () => {
    const need = await createNeed(t.app, a.header, { minTitleSeries: 'agriculture' });
    const res = await api()
      .patch(`/api/v1/needs/${need.id}`)
      .set(a.header)
      .send({ minTitleLevel: null, minSkillLevel: 'technician' });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.minTitleSeries']);
    expect((await Need.findById(need.id).lean())?.minTitleLevel).toBe('associate_senior');
    const both = await api()
      .patch(`/api/v1/needs/${need.id}`)
      .set(a.header)
      .send({ minTitleLevel: null, minTitleSeries: null, minSkillLevel: 'technician' });
    expect(both.status).toBe(200);
  });
});

describe('how strictly must-have skills apply', () => {
  test('when not given, then it is sub_field; exact is stored and PATCH changes it', async () => {
    const plain = await createNeed(t.app, a.header);
    expect(plain.mustHaveMatch).toBe('sub_field');
    const exact = await createNeed(t.app, a.header, { mustHaveMatch: 'exact' });
    expect(exact.mustHaveMatch).toBe('exact');
    expect((await Need.findById(exact.id).lean())?.mustHaveMatch).toBe('exact');
    const patched = await api()
      .patch(`/api/v1/needs/${exact.id}`)
      .set(a.header)
      .send({ mustHaveMatch: 'sub_field' });
    expect(patched.body.mustHaveMatch).toBe('sub_field');
  });

  test('when the value is not one of exact and sub_field, then 400 names mustHaveMatch', async () => {
    const res = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(buildNeedInput({ mustHaveMatch: 'roughly' }));
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.mustHaveMatch']);
  });

  test('when experts read the board, then they see the requirements too', async () => {
    const need = await createOpenNeed(t.app, a.header, {
      county: '520623',
      mustHaveMatch: 'exact',
      minTitleSeries: 'agriculture',
    });
    const email = uniqueEmail('expert');
    await createUser({ email, password: TEST_PASSWORD, role: 'expert', displayName: '专家' });
    const expert = await signIn(t.app, email);
    const res = await api().get(`/api/v1/needs/${need.id}`).set(expert.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mustHaveMatch: 'exact', minTitleSeries: 'agriculture' });
  });
});

describe('needs stored before these fields', () => {
  test('when an old need is read, then it has the defaults', async () => {
    const id = new Types.ObjectId();
    await Need.collection.insertOne({
      _id: id,
      organisationId: new Types.ObjectId(a.organisationId),
      title: '旧需求',
      description: '',
      field: 'agriculture',
      mustHaveSkills: [],
      niceToHaveSkills: [],
      skillScopes: ['agriculture'],
      minTitleLevel: 'intermediate',
      mode: 'remote',
      county: '500114',
      period: { from: '2026-03-01', to: '2026-06-30' },
      expertsWanted: 1,
      offer: { housing: false, travel: false },
      employerApproval: false,
      priority: false,
      filledCount: 0,
      status: 'draft',
      createdBy: new Types.ObjectId(a.userId),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const res = await api().get(`/api/v1/needs/${id}`).set(a.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mustHaveMatch: 'sub_field',
      minTitleSeries: null,
      field: 'agriculture',
    });
  });
});
