import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { buildExpert } from '../support/experts.factory';
import { buildRegistration } from '../support/organisations.factory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '3' });
});
afterAll(() => t.close());

test('when one address signs up too often, then further sign-ups of either kind get 429 with Retry-After', async () => {
  for (let i = 0; i < 2; i++) {
    expect((await request(t.app).post('/api/v1/experts/register').send(buildExpert())).status).toBe(202);
  }
  expect((await request(t.app).post('/api/v1/organisations/register').send(buildRegistration())).status).toBe(
    202,
  );
  const blocked = await request(t.app).post('/api/v1/experts/register').send(buildExpert());
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  expect((await request(t.app).post('/api/v1/organisations/register').send(buildRegistration())).status).toBe(
    429,
  );
});
