import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { inDays } from '../support/dates';
import { type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';
import { pageAgent } from './page-agent';

let t: TestApp;
let employer: Employer;
let expert: RegisteredExpert;
let agent: Awaited<ReturnType<typeof pageAgent>>['agent'];
const needs: Record<string, string> = {};

const cardiology = (overrides: Record<string, unknown>) => ({
  field: 'health',
  mustHaveSkills: ['health.cardiology.arrhythmia'],
  niceToHaveSkills: [],
  mode: 'onsite',
  county: '500114',
  ...overrides,
});

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  [employer, expert] = await Promise.all([
    registerEmployer(t.app, { verified: true }),
    registerExpert(t.app),
  ]);
  needs.here = (await createOpenNeed(t.app, employer.header, cardiology({ title: '黔江心内科驻点指导' }))).id;
  needs.remote = (
    await createOpenNeed(
      t.app,
      employer.header,
      cardiology({ title: '远程心电会诊', mode: 'remote', county: '520602' }),
    )
  ).id;
  needs.other = (await createOpenNeed(t.app, employer.header, { title: '茶叶加工指导' })).id;
  agent = (await pageAgent(t.app, expert.email)).agent;
});
afterAll(() => t.close());

describe('the expert’s needs that suit them', () => {
  test('when the expert opens their home page, then the needs they meet are listed with a reason in words and links', async () => {
    const res = await agent.get('/expert');
    expect(res.status).toBe(200);
    expect(res.text).toContain('适合您的需求');
    expect(res.text).toContain(`href="/expert/recommended/${needs.here}"`);
    expect(res.text).toContain('黔江心内科驻点指导');
    expect(res.text).toContain('远程心电会诊');
    expect(res.text).not.toContain('茶叶加工指导');
    expect(res.text).toMatch(/适合的原因：[^<]+/);
    expect(res.text).toContain('href="/expert/recommended"');
  });

  test('when the full list is filtered with the plain form, then only the matching needs are shown; a wrong period says which field', async () => {
    const remote = await agent.get('/expert/recommended').query({ mode: 'remote' });
    expect(remote.status).toBe(200);
    expect(remote.text).toContain('远程心电会诊');
    expect(remote.text).not.toContain('黔江心内科驻点指导');
    expect(remote.text).toContain('共找到 1 项适合您的需求');

    const bad = await agent.get('/expert/recommended').query({ from: inDays(10), to: inDays(1) });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-to-error"/);
    expect(bad.text).toContain(`value="${inDays(10)}"`);
  });

  test('when the expert opens a need from the list, then they see why it suits them, factor by factor; in English too', async () => {
    const res = await agent.get(`/expert/recommended/${needs.here}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('为什么适合您');
    expect(res.text).toContain('<table class="factors">');
    expect(res.text).toContain('必须具备的专长');

    const unmet = await agent.get(`/expert/recommended/${needs.other}`);
    expect(unmet.status).toBe(200);
    expect(unmet.text).toContain('您目前不符合这项需求的全部要求');

    const en = await agent.get(`/expert/recommended/${needs.here}`).set('Cookie', 'lang=en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('Why this need suits you');
  });

  test('when someone who is not an expert asks for the list, then they are sent to sign in', async () => {
    const res = await request(t.app).get('/expert/recommended');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
  });
});
