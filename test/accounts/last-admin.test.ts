import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { startTestApp, type TestApp } from '../support/app';
import { staffUser } from '../support/auth';
import { openApiContract } from '../support/openapi-contract';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the last admin', () => {
  test('when the only active admin disables themself, then it is refused with 409 and they stay active; with a second admin it goes through', async () => {
    const documented = await openApiContract(t.app);
    const admin = await staffUser(t.app, 'admin');
    // this file's database: make this admin the only active one
    await User.updateMany(
      { role: 'admin', _id: { $ne: admin.userId } },
      { $set: { disabledAt: new Date() } },
    );
    const refused = await request(t.app)
      .post(`/api/v1/admin/users/${admin.userId}/disable`)
      .set(admin.header);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LAST_ADMIN');
    documented('post', '/api/v1/admin/users/{id}/disable', 409, refused.body);
    expect((await User.findById(admin.userId).lean())?.disabledAt).toBeUndefined();

    const second = await staffUser(t.app, 'admin');
    const done = await request(t.app).post(`/api/v1/admin/users/${admin.userId}/disable`).set(second.header);
    expect(done.status).toBe(200);
    documented('post', '/api/v1/admin/users/{id}/disable', 200, done.body);
  });
});
