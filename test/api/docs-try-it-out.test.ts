import { runInNewContext } from 'node:vm';
import request, { type Test } from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { sessionAgent, staffUser, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

interface TryItOutRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}
type Agent = ReturnType<typeof request.agent>;
type Interceptor = (request: TryItOutRequest) => TryItOutRequest | Promise<TryItOutRequest>;

/**
 * Runs the served swagger-ui-init.js as the browser would, with Swagger UI replaced by a stub that keeps
 * the options it is given, and `fetch` going to the app with the browser's cookies (the agent's).
 */
async function swaggerOptionsFor(agent: Agent) {
  const script = await agent.get('/docs/swagger-ui-init.js');
  expect(script.status).toBe(200);
  let options: { requestInterceptor?: Interceptor } = {};
  const bundle = Object.assign(
    (given: typeof options) => {
      options = given;
      return {};
    },
    { presets: { apis: {} }, plugins: { DownloadUrl: {} } },
  );
  const fetch = async (url: string, init: { headers?: Record<string, string> } = {}) => {
    const res = await agent.get(url).set(init.headers ?? {});
    return { ok: res.status < 300, json: async () => res.body };
  };
  const window: { location: { search: string; origin: string }; onload?: () => void } = {
    location: { search: '', origin: 'http://localhost' },
  };
  runInNewContext(script.text, { window, SwaggerUIBundle: bundle, SwaggerUIStandalonePreset: {}, fetch });
  window.onload?.();
  return options;
}

const send = (agent: Agent, req: TryItOutRequest): Test =>
  agent
    .post(req.url)
    .set(req.headers)
    .send(JSON.parse(req.body ?? '{}'));

describe('"Try it out" in /docs with a cookie session', () => {
  test('when a signed-in admin tries a POST, then the page adds the session’s CSRF token and the request works; without it, it is refused as before', async () => {
    const admin = await staffUser(t.app, 'admin');
    const { agent } = await sessionAgent(t.app, admin.email);
    const tryIt = (): TryItOutRequest => ({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('docs'), role: 'coordinator', displayName: '试用' }),
    });

    const bare = await send(agent, tryIt());
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe('CSRF_TOKEN_INVALID');

    const { requestInterceptor } = await swaggerOptionsFor(agent);
    expect(typeof requestInterceptor).toBe('function');
    const intercepted = await requestInterceptor?.(tryIt());
    expect(intercepted?.headers['X-CSRF-Token']).toEqual(expect.any(String));
    const sent = await send(agent, intercepted as TryItOutRequest);
    expect(sent.status).toBe(201);
  });

  test('when the request is a GET or carries a bearer token, then it is left as it is', async () => {
    const { agent } = await sessionAgent(t.app, (await staffUser(t.app, 'admin')).email);
    const { requestInterceptor } = await swaggerOptionsFor(agent);
    const get = { method: 'GET', url: '/api/v1/admin/users', headers: {} };
    expect(await requestInterceptor?.(get)).toEqual({
      method: 'GET',
      url: '/api/v1/admin/users',
      headers: {},
    });
    const bearer = { method: 'POST', url: '/api/v1/x', headers: { Authorization: 'Bearer abc' } };
    expect((await requestInterceptor?.(bearer))?.headers).toEqual({ Authorization: 'Bearer abc' });
  });

  test('when nobody is signed in, then no token is added and a POST is refused as before', async () => {
    const anonymous = request.agent(t.app);
    const { requestInterceptor } = await swaggerOptionsFor(anonymous);
    const req = await requestInterceptor?.({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(req?.headers['X-CSRF-Token']).toBeUndefined();
    expect((await send(anonymous, req as TryItOutRequest)).status).toBe(401);
  });
});
