import request from 'supertest';
import { QUEUES } from '../../src/context';
import { createUser } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, staffUser, TEST_PASSWORD, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the queue dashboard', () => {
  test('when nobody is signed in, then it sends the visitor to sign in', async () => {
    const res = await request(t.app).get('/admin/queues');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fqueues');
  });

  test('when an expert opens it, then it is refused', async () => {
    const email = uniqueEmail('expert');
    await createUser({ email, password: TEST_PASSWORD, role: 'expert', displayName: '专家' });
    const { agent } = await sessionAgent(t.app, email);
    expect((await agent.get('/admin/queues')).status).toBe(403);
  });

  test('when a coordinator opens it, then the board lists every queue, read-only, with a CSP that keeps fonts local', async () => {
    const coord = await staffUser(t.app, 'coordinator');
    const { agent } = await sessionAgent(t.app, coord.email);
    const page = await agent.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("font-src 'self'");
    // Its own page would link Google Fonts: nothing on it points at another host.
    expect(page.text).toContain('static/css/');
    expect(page.text).not.toMatch(/fonts\.googleapis|fonts\.gstatic|https?:\/\//);
    const queues = await agent.get('/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    const names = queues.body.queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual([...QUEUES].sort());
    expect(queues.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
  });
});
