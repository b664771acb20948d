import request from 'supertest';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { staff } from './liaison-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test('when a coordinator with experts is disabled, then the office page flags them for handover and the handover form moves them', async () => {
  const office = await staffUser(t.app, 'coordinator');
  const admin = await staff('admin', '管理员');
  const leaving = await staff('coordinator', '调离的联络员');
  const expertId = await createExpertAs(t.app, office, { name: '田大山' });
  await request(t.app)
    .put(`/api/v1/liaisons/experts/${expertId}`)
    .set(office.header)
    .send({ liaisonId: leaving.userId });
  await request(t.app).post(`/api/v1/admin/users/${leaving.userId}/disable`).set(admin.header);

  const { agent, csrfToken } = await pageAgent(t.app, office.email);
  const page = await agent.get('/coordinator/liaisons');
  expect(page.status).toBe(200);
  expect(page.text).toContain('调离的联络员');
  expect(page.text).toContain('账号已停用，请移交');

  const done = await agent
    .post('/coordinator/liaisons/handover')
    .type('form')
    .send({ _csrf: csrfToken, fromLiaison: leaving.userId, toLiaison: office.userId });
  expect(done.status).toBe(303);
  const mine = await agent.get('/coordinator/my-experts');
  expect(mine.status).toBe(200);
  expect(mine.text).toContain('田大山');

  const bad = await agent
    .post(`/coordinator/liaisons/experts/${expertId}/contacts`)
    .type('form')
    .send({ _csrf: csrfToken, date: '', kind: 'visit', summary: '走访' });
  expect(bad.status).toBe(400);
  const ok = await agent
    .post(`/coordinator/liaisons/experts/${expertId}/contacts`)
    .type('form')
    .send({ _csrf: csrfToken, date: '2026-05-06', kind: 'visit', summary: '上门走访' });
  expect(ok.status).toBe(303);
  expect((await agent.get(`/coordinator/liaisons/experts/${expertId}`)).text).toContain('上门走访');
});
