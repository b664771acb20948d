import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { buildNeedInput, createNeed, createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let a: Employer;
let b: Employer;
beforeAll(async () => {
  t = await startTestApp();
  [coordinator, a, b] = await Promise.all([
    staffUser(t.app, 'coordinator'),
    registerEmployer(t.app, { verified: true }),
    registerEmployer(t.app, { verified: true }),
  ]);
});
afterAll(() => t.close());

const api = () => request(t.app);
const ids = (res: request.Response) => res.body.items.map((n: { id: string }) => n.id);

describe('creating and editing', () => {
  test('when an employer posts a need, then it is a draft of its own organisation with the defaults filled in', async () => {
    const res = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(buildNeedInput({ offer: { stipendPerMonth: 5000 }, employerApproval: undefined }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      organisationId: a.organisationId,
      status: 'draft',
      priority: false,
      filledCount: 0,
      employerApproval: false,
      offer: { stipendPerMonth: 5000, housing: false, travel: false, other: null },
      period: { from: inDays(-30), to: inDays(300) },
    });
    expect((await api().get(`/api/v1/needs/${res.body.id}`).set(a.header)).body).toEqual(res.body);
  });

  test('when the body carries priority, status, filledCount or organisationId, then 400 and nothing is created', async () => {
    for (const extra of [
      { priority: true },
      { status: 'filled' },
      { filledCount: 3 },
      { organisationId: b.organisationId },
    ]) {
      const res = await api()
        .post('/api/v1/needs')
        .set(a.header)
        .send(buildNeedInput({ title: 'mass', ...extra }));
      expect(res.status).toBe(400);
    }
    const patch = await api()
      .patch(`/api/v1/needs/${(await createNeed(t.app, a.header)).id}`)
      .set(a.header)
      .send({ priority: true });
    expect(patch.status).toBe(400);
    const list = await api().get('/api/v1/needs?sort=title&pageSize=100').set(a.header);
    expect(list.body.items.some((n: { title: string }) => n.title === 'mass')).toBe(false);
  });

  test('when fields have wrong types, operators or bad values, then 400 names each path', async () => {
    const res = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(
        buildNeedInput({
          title: { $gt: '' },
          field: 'health.palmistry',
          mustHaveSkills: ['health.astrology'],
          minTitleLevel: undefined,
          county: '500000',
          period: { from: '2026-05-01', to: '2026-04-01' },
          expertsWanted: 51,
          mode: 'hybrid',
        }),
      );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.field',
        'body.mustHaveSkills.0',
        'body.county',
        'body.period.to',
        'body.expertsWanted',
        'body.mode',
      ]),
    );
    const noLevel = await api()
      .post('/api/v1/needs')
      .set(a.header)
      .send(buildNeedInput({ minTitleLevel: undefined }));
    expect(noLevel.body.error.details[0].path).toBe('body.minTitleLevel');
    expect((await api().get('/api/v1/needs/123').set(a.header)).status).toBe(400);
  });

  test('when the employer edits a draft and an open need, then both change; a cancelled one is 409 and unchanged', async () => {
    const draft = await createNeed(t.app, a.header);
    const edited = await api()
      .patch(`/api/v1/needs/${draft.id}`)
      .set(a.header)
      .send({
        title: '改后的标题',
        minSkillLevel: 'technician',
        minTitleLevel: null,
        mustHaveSkills: ['health.nursing'],
      });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: '改后的标题',
      minTitleLevel: null,
      minSkillLevel: 'technician',
    });
    const open = await createOpenNeed(t.app, a.header);
    expect(
      (await api().patch(`/api/v1/needs/${open.id}`).set(a.header).send({ expertsWanted: 3 })).body
        .expertsWanted,
    ).toBe(3);
    await api().post(`/api/v1/needs/${open.id}/cancel`).set(a.header);
    const refused = await api().patch(`/api/v1/needs/${open.id}`).set(a.header).send({ title: '不该改' });
    expect(refused.status).toBe(409);
    expect((await api().get(`/api/v1/needs/${open.id}`).set(a.header)).body.title).toBe(open.title);
  });

  test('when an edit would leave no minimum level, then 400 and nothing changes', async () => {
    const need = await createNeed(t.app, a.header);
    const res = await api().patch(`/api/v1/needs/${need.id}`).set(a.header).send({ minTitleLevel: null });
    expect(res.status).toBe(400);
    expect((await api().get(`/api/v1/needs/${need.id}`).set(a.header)).body.minTitleLevel).toBe(
      'associate_senior',
    );
  });
});

describe('who sees and changes what', () => {
  test('when employer A reads, edits, opens or cancels B’s need, then 404 and B’s need is unchanged', async () => {
    const need = await createNeed(t.app, b.header);
    expect((await api().get(`/api/v1/needs/${need.id}`).set(a.header)).status).toBe(404);
    expect((await api().patch(`/api/v1/needs/${need.id}`).set(a.header).send({ title: 'x' })).status).toBe(
      404,
    );
    for (const step of ['open', 'cancel', 'close']) {
      expect((await api().post(`/api/v1/needs/${need.id}/${step}`).set(a.header)).status).toBe(404);
    }
    expect((await api().get(`/api/v1/needs/${need.id}`).set(b.header)).body).toMatchObject({
      status: 'draft',
      title: need.title,
    });
    expect(ids(await api().get('/api/v1/needs?pageSize=100').set(a.header))).not.toContain(need.id);
  });

  test('when a coordinator creates and edits a need for an organisation, then it works and both are audit-logged', async () => {
    const missing = await api().post('/api/v1/needs').set(coordinator.header).send(buildNeedInput());
    expect(missing.body.error.details[0].path).toBe('body.organisationId');
    const res = await api()
      .post('/api/v1/needs')
      .set(coordinator.header)
      .send(buildNeedInput({ organisationId: b.organisationId }));
    expect(res.status).toBe(201);
    expect(res.body.organisationId).toBe(b.organisationId);
    await api().patch(`/api/v1/needs/${res.body.id}`).set(coordinator.header).send({ daysPerMonth: 10 });
    const actions = await AuditEntry.find({ targetId: res.body.id }).sort({ at: 1, _id: 1 }).lean();
    expect(actions.map((x) => x.action)).toEqual(['need.create', 'need.update']);
  });
});
