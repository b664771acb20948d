import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, staffUser } from '../support/auth';
import { buildAssistedExpert, buildExpert, CONSENT, registerExpert } from '../support/experts.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const paths = (res: request.Response): string[] =>
  res.body.error.details.map((d: { path: string }) => d.path);

describe('sign-up', () => {
  test('when an expert signs up, then 202 says to check the email, and the account and profile exist, linked, with the consent recorded', async () => {
    const body = buildExpert();
    const res = await request(t.app).post('/api/v1/experts/register').send(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'check-your-email' });
    const user = await User.findOne({ email: body.email }).lean();
    expect(user).toMatchObject({ role: 'expert' });
    expect(user?.emailVerifiedAt).toBeUndefined();
    const expert = await Expert.findById(user?.expertId).lean();
    expect(expert).toMatchObject({ name: '李明', status: 'active' });
    expect(String(expert?.userId)).toBe(String(user?._id));
    expect(expert?.consents).toEqual([
      expect.objectContaining({ kind: 'profile', textVersion: CONSENT.textVersion, channel: 'web' }),
    ]);
    const me = await request(t.app)
      .get('/api/v1/experts/me')
      .set((await signIn(t.app, body.email)).header);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ phone: '13812345678', birthYear: 1960, contactVisible: true });
    expect(me.body.consents).toEqual([expect.objectContaining({ kind: 'profile', by: null })]);
  });

  test('when the email is taken, then the same 202 and no second account or orphan profile is written', async () => {
    const first = buildExpert();
    expect((await request(t.app).post('/api/v1/experts/register').send(first)).status).toBe(202);
    const again = await request(t.app)
      .post('/api/v1/experts/register')
      .send(buildExpert({ email: first.email, name: '重名' }));
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'check-your-email' });
    expect(await User.countDocuments({ email: first.email })).toBe(1);
    expect(await Expert.countDocuments({ email: first.email })).toBe(1);
    expect(await Expert.countDocuments({ name: '重名' })).toBe(0);
  });

  test('when a health note comes without its own consent, then 400; with it, both are stored', async () => {
    const without = await request(t.app)
      .post('/api/v1/experts/register')
      .send(buildExpert({ healthNote: '膝关节不宜久站' }));
    expect(without.status).toBe(400);
    expect(paths(without)).toEqual(['body.healthConsent']);
    const body = buildExpert({
      healthNote: '膝关节不宜久站',
      healthConsent: { textVersion: 'health-2026-01', accepted: true },
    });
    const withConsent = await request(t.app).post('/api/v1/experts/register').send(body);
    expect(withConsent.status).toBe(202);
    const stored = await Expert.findOne({ email: body.email }).lean();
    expect(stored?.healthNote).toBe('膝关节不宜久站');
    expect(stored?.consents.map((c: { kind: string }) => c.kind)).toEqual(['profile', 'health']);
  });

  test('when consent is not accepted or missing, then 400', async () => {
    const refused = await request(t.app)
      .post('/api/v1/experts/register')
      .send(buildExpert({ consent: { textVersion: 'v1', accepted: false } }));
    expect(refused.status).toBe(400);
    const { consent: _c, ...noConsent } = buildExpert();
    expect((await request(t.app).post('/api/v1/experts/register').send(noConsent)).status).toBe(400);
  });
});

describe('bad input', () => {
  test('when the body sets role or status, then 400 and nothing is written (no mass assignment)', async () => {
    for (const extra of [{ role: 'admin' }, { status: 'deleted' }, { activeEngagements: 5 }]) {
      const body = buildExpert(extra);
      const res = await request(t.app).post('/api/v1/experts/register').send(body);
      expect(res.status).toBe(400);
      expect(await User.exists({ email: body.email })).toBeNull();
    }
  });

  test('when the email is an operator object, then 400 with its path', async () => {
    const res = await request(t.app)
      .post('/api/v1/experts/register')
      .send(buildExpert({ email: { $gt: '' } }));
    expect(res.status).toBe(400);
    expect(paths(res)).toContain('body.email');
  });

  test('when nested values have the wrong type, then 400 names each field path', async () => {
    const res = await request(t.app)
      .post('/api/v1/experts/register')
      .send(
        buildExpert({
          availability: { windows: [{ from: 20260301, to: '2026-13-45' }] },
          phone: '12345',
          residenceCounty: '999999',
          skills: ['health.nonsense'],
          title: { level: '正高级' },
        }),
      );
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(
      expect.arrayContaining([
        'body.availability.windows.0.from',
        'body.availability.windows.0.to',
        'body.phone',
        'body.residenceCounty',
        'body.skills.0',
        'body.title.level',
      ]),
    );
  });

  test('when arrays exceed their maximum size, then 400', async () => {
    const res = await request(t.app)
      .post('/api/v1/experts/register')
      .send(buildExpert({ tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }));
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['body.tags']);
  });
});

describe('assisted registration', () => {
  test('when a coordinator registers an expert, then consent is recorded in person by them, the account has no password, and it is audited', async () => {
    const coord = await staffUser(t.app, 'coordinator');
    const body = buildAssistedExpert();
    const res = await request(t.app).post('/api/v1/experts').set(coord.header).send(body);
    expect(res.status).toBe(201);
    expect(res.body.consents).toEqual([
      expect.objectContaining({
        kind: 'profile',
        channel: 'in-person',
        by: coord.userId,
        at: expect.any(String),
      }),
    ]);
    const user = await User.findOne({ email: body.email }).lean();
    expect(user).toMatchObject({ role: 'expert', createdBy: expect.anything() });
    expect(String(user?.expertId)).toBe(res.body.id);
    expect(user?.passwordHash).toBeUndefined();
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: 'anything-at-all' });
    expect(login.status).toBe(401);
    const audit = await AuditEntry.findOne({ action: 'expert.create', targetId: res.body.id }).lean();
    expect(audit).toMatchObject({
      actorId: expect.anything(),
      actorRole: 'coordinator',
      details: { assisted: true },
    });
    expect(JSON.stringify(audit)).not.toContain(body.email);
  });

  test('when an expert or anonymous caller tries assisted registration, then 403 or 401', async () => {
    const expert = await registerExpert(t.app);
    const body = buildAssistedExpert();
    expect((await request(t.app).post('/api/v1/experts').set(expert.auth.header).send(body)).status).toBe(
      403,
    );
    expect((await request(t.app).post('/api/v1/experts').send(body)).status).toBe(401);
    expect(await User.exists({ email: body.email })).toBeNull();
  });

  test('when the email is taken, then 409 and nothing is written', async () => {
    const coord = await staffUser(t.app, 'coordinator');
    const body = buildAssistedExpert({ email: coord.email });
    const before = await Expert.countDocuments();
    const res = await request(t.app).post('/api/v1/experts').set(coord.header).send(body);
    expect(res.status).toBe(409);
    expect(await Expert.countDocuments()).toBe(before);
  });
});
