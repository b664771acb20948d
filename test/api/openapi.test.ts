import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { expressRoutes } from './express-routes';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('the OpenAPI document', () => {
  test('when /openapi.json is read, then it is a valid OpenAPI 3.1 document', async () => {
    const res = await request(t.app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
  });

  test("when compared with Express's router stack, then every /api/v1 route is documented and nothing else", async () => {
    const doc = (await request(t.app).get('/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    const served = expressRoutes(t.app).filter((r) => r.split(' ')[1].startsWith('/api/v1/'));
    expect(served.length).toBeGreaterThan(10);
    expect(documented).toEqual(served);
  });

  test('when a route needs a signed-in user, then its 401 and 403 answers are documented with the error shape', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    const op = doc.paths['/api/v1/auth/tokens'].get;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    // The shared error answers are response components (src/lib/openapi.ts).
    expect(op.responses['401'].$ref).toBe('#/components/responses/Unauthorized');
    expect(doc.components.responses.Unauthorized.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorResponse',
    );
  });

  test('when /docs is opened, then Swagger UI is served from this server, with no CDN', async () => {
    const res = await request(t.app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
    expect(res.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
    const script = res.text.match(/src="\.\/([\w.-]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await request(t.app).get(`/docs/${script}`)).status).toBe(200);
  });
});
