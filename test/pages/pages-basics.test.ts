import request from 'supertest';
import { pageTranslators } from '../../src/lib/http/pages';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD } from '../support/auth';
import { registerEmployer } from '../support/organisations.factory';
import { formAgent, pageAgent } from './page-agent';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

describe('landing, language and errors', () => {
  test('when / is opened without a cookie, then it is a zh-CN page in the layout with a skip link', async () => {
    const res = await request(t.app).get('/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('<html lang="zh-CN" class="text-normal">');
    expect(res.text).toContain('银龄人才服务平台');
    expect(res.text).toContain('href="#main"');
    expect(res.text).toContain('href="/assets/app.css"');
  });

  test('when the English link is followed, then a lang cookie is set and the next page is in English', async () => {
    const agent = request.agent(t.app);
    const sw = await agent.get('/lang?to=en&next=%2Flogin');
    expect(sw.status).toBe(303);
    expect(sw.headers.location).toBe('/login');
    expect(String(sw.headers['set-cookie'])).toMatch(/lang=en/);
    const page = await agent.get('/login');
    expect(page.text).toContain('<html lang="en" class="text-normal">');
    expect(page.text).toContain('Sign in');
    expect(page.text).toContain('hreflang="zh-CN"');
  });

  test('when the switch is given another site as next, then it goes home instead', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = await request(t.app).get(`/lang?to=en&next=${encodeURIComponent(next)}`);
      expect(res.headers.location).toBe('/');
    }
  });

  test('when a page does not exist, then the 404 page is HTML in the layout; /api paths keep JSON', async () => {
    const page = await request(t.app).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('找不到这个页面');
    const api = await request(t.app).get('/api/v1/no-such-route');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
  });

  test('when the assets are asked for, then the stylesheet and chart.js are served by the app', async () => {
    const css = await request(t.app).get('/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.type).toBe('text/css');
    const chart = await request(t.app).get('/assets/chart.js');
    expect(chart.status).toBe(200);
    expect(chart.text).toContain('Chart');
  });

  test('when the dictionaries are compared, then both languages have the same keys and no empty text', () => {
    const { 'zh-CN': zh, en } = pageTranslators();
    const keys = (dict: unknown) => Object.keys(dict as object);
    expect(zh.has('site.name') && en.has('site.name')).toBe(true);
    const raw = (lang: string) => require(`../../templates/i18n/${lang}.json`) as Record<string, string>;
    expect(keys(raw('en')).sort()).toEqual(keys(raw('zh-CN')).sort());
    for (const lang of ['zh-CN', 'en']) {
      for (const [key, text] of Object.entries(raw(lang)))
        expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });
});

describe('sign-in, CSRF and sign-out', () => {
  test('when a signed-in form post has no _csrf, then the 403 page says the form expired and nothing changed', async () => {
    const employer = await registerEmployer(t.app);
    const agent = await pageAgent(t.app, employer.email);
    const res = await agent.agent
      .post('/employer/organisation')
      .type('form')
      .send({ 'organisation.name': 'Changed', 'organisation.address': 'x' });
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('表单已过期');
    const page = await agent.agent.get('/employer/organisation');
    expect(page.text).not.toContain('value="Changed"');
  });

  test('when the sign-in form is posted without the token it was shown with, then it is refused (login CSRF)', async () => {
    const employer = await registerEmployer(t.app);
    const res = await request(t.app)
      .post('/login')
      .type('form')
      .send({ email: employer.email, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^yl\.sid=s/)]),
    );
  });

  test('when an account has failed too often, then the sign-in form itself says to wait, with Retry-After', async () => {
    const employer = await registerEmployer(t.app);
    const { agent, csrfToken: _csrf } = await formAgent(t.app, '/login');
    for (let i = 0; i < 5; i++) {
      await agent
        .post('/login')
        .type('form')
        .send({ email: employer.email, password: 'wrong-wrong-wrong', _csrf });
    }
    const blocked = await agent
      .post('/login')
      .type('form')
      .send({ email: employer.email, password: TEST_PASSWORD, _csrf });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.text).toContain('action="/login"');
    expect(blocked.text).toContain('尝试次数太多');
    expect(blocked.text).toContain(`value="${employer.email}"`);
  });

  test('when the password is wrong, then the form says so and keeps the email; right, then it goes home', async () => {
    const employer = await registerEmployer(t.app);
    const { agent, csrfToken: _csrf } = await formAgent(t.app, '/login');
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ email: employer.email, password: 'wrong-wrong-wrong', _csrf });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('邮箱或密码不对');
    expect(wrong.text).toContain(`value="${employer.email}"`);
    const right = await agent
      .post('/login')
      .type('form')
      .send({ email: employer.email, password: TEST_PASSWORD, _csrf });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/employer');
  });

  test('when a page needs a role and nobody is signed in, then it sends the visitor to sign in and back', async () => {
    const res = await request(t.app).get('/employer/needs/new');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Femployer%2Fneeds%2Fnew');
  });

  test('when an employer opens an expert page, then the 403 page answers', async () => {
    const employer = await registerEmployer(t.app);
    const { agent } = await pageAgent(t.app, employer.email);
    const res = await agent.get('/expert/offers');
    expect(res.status).toBe(403);
    expect(res.text).toContain('不能进行这个操作');
  });

  test('when signing out with the form token, then the session ends', async () => {
    const employer = await registerEmployer(t.app);
    const { agent, csrfToken } = await pageAgent(t.app, employer.email);
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfToken });
    expect(out.status).toBe(303);
    const after = await agent.get('/employer');
    expect(after.status).toBe(303);
  });
});
