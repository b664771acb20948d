import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { travelMinutesWithOverrides } from '../../src/modules/regions/travel-overrides.service';
import { roadMinutesBetween } from '../../src/modules/regions/travel-times';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, uniqueEmail } from '../support/auth';
import { registerExpert, tokenFor } from '../support/experts.factory';
import { openApiContract } from '../support/openapi-contract';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let documented: Awaited<ReturnType<typeof openApiContract>>;

beforeAll(async () => {
  t = await startTestApp();
  documented = await openApiContract(t.app);
  const email = uniqueEmail('coordinator');
  const user = await createUser({ email, role: 'coordinator', displayName: '协调员 测试' });
  coordinator = await tokenFor(String(user._id), email);
});
afterAll(() => t.close());

const put = (auth: SignedIn, body: Record<string, unknown>) =>
  request(t.app).put('/api/v1/regions/travel-overrides').set(auth.header).send(body);

describe('travel times over HTTP', () => {
  test('when anyone reads a travel time, then the road model answers with minutes and text', async () => {
    const res = await request(t.app)
      .get('/api/v1/regions/travel-times')
      .query({ from: '500114', to: '500243' });
    expect(res.status).toBe(200);
    documented('get', '/api/v1/regions/travel-times', 200, res.body);
    const minutes = roadMinutesBetween('500114', '500243');
    expect(res.body).toMatchObject({ from: '500114', to: '500243', minutes, source: 'road-model' });
    expect(res.body.text).toMatch(/分钟|小时/);
  });

  test('when a coordinator sets a correction, then it is audited and read back both ways', async () => {
    const res = await put(coordinator, { from: '500242', to: '422827', minutes: 185, note: '国道封闭绕行' });
    expect(res.status).toBe(200);
    documented('put', '/api/v1/regions/travel-overrides', 200, res.body);
    expect(res.body).toMatchObject({ from: '422827', to: '500242', minutes: 185, by: coordinator.userId });
    for (const [from, to] of [
      ['500242', '422827'],
      ['422827', '500242'],
    ]) {
      const read = await request(t.app).get('/api/v1/regions/travel-times').query({ from, to });
      expect(read.body).toMatchObject({ minutes: 185, text: '3小时5分钟', source: 'override' });
    }
    const audit = await AuditEntry.findOne({
      action: 'travel-override.set',
      targetId: '422827-500242',
    }).lean();
    expect(audit?.details).toMatchObject({ minutes: 185, previousMinutes: null });
    const list = await request(t.app).get('/api/v1/regions/travel-overrides').set(coordinator.header);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ from: '422827', to: '500242', minutes: 185 }),
    );

    const matrix = await travelMinutesWithOverrides(['500242', '500114', '422827']);
    expect([matrix[2], matrix[6]]).toEqual([185, 185]);

    const del = await request(t.app)
      .delete('/api/v1/regions/travel-overrides/500242/422827')
      .set(coordinator.header);
    expect(del.status).toBe(204);
    expect(
      await AuditEntry.exists({ action: 'travel-override.clear', targetId: '422827-500242' }),
    ).toBeTruthy();
    const after = await request(t.app)
      .get('/api/v1/regions/travel-times')
      .query({ from: '422827', to: '500242' });
    expect(after.body.source).toBe('road-model');
    const again = await request(t.app)
      .delete('/api/v1/regions/travel-overrides/500242/422827')
      .set(coordinator.header);
    expect(again.status).toBe(404);
  });

  test('when an employer or an expert tries to correct or list, then 403', async () => {
    const employer = await employerUser();
    const expert = await registerExpert(t.app);
    for (const auth of [employer, expert.auth]) {
      expect((await put(auth, { from: '500114', to: '500243', minutes: 60, note: 'x' })).status).toBe(403);
      expect((await request(t.app).get('/api/v1/regions/travel-overrides').set(auth.header)).status).toBe(
        403,
      );
    }
    expect((await request(t.app).get('/api/v1/regions/travel-overrides')).status).toBe(401);
  });

  test('when a county code is unknown, then 400 names the field', async () => {
    const read = await request(t.app)
      .get('/api/v1/regions/travel-times')
      .query({ from: '500114', to: '999999' });
    expect(read.status).toBe(400);
    expect(read.body.error.details).toContainEqual(expect.objectContaining({ path: 'query.to' }));
    const res = await put(coordinator, { from: '500100', to: '500114', minutes: 60, note: '测试' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'body.from' }));
  });

  test('when minutes are out of 10–2880, the pair is one county or a key is unknown, then 400', async () => {
    for (const minutes of [5, 2881, 60.5]) {
      const res = await put(coordinator, { from: '500114', to: '500243', minutes, note: '测试' });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'body.minutes' }));
    }
    const same = await put(coordinator, { from: '500114', to: '500114', minutes: 60, note: '测试' });
    expect(same.status).toBe(400);
    expect(same.body.error.details).toContainEqual(expect.objectContaining({ path: 'body.to' }));
    expect(
      (await put(coordinator, { from: '500114', to: '500243', minutes: 60, note: 'x', by: 'me' })).status,
    ).toBe(400);
  });
});
