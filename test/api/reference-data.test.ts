import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('regions', () => {
  test('when searching by Chinese name, then 黔江区 comes first with its code and centre', async () => {
    const res = await request(t.app).get('/api/v1/regions').query({ q: '黔江' });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ code: '500114', name: '黔江区', province: { code: '500000' } });
    expect(res.body.items[0].lat).toBeCloseTo(29.53, 0);
  });

  test('when searching by pinyin within a province, then only that province answers', async () => {
    const res = await request(t.app).get('/api/v1/regions').query({ q: 'enshi', province: '420000' });
    expect(res.body.items.map((r: { code: string }) => r.code)).toContain('422801');
    expect(res.body.items.every((r: { province: { code: string } }) => r.province.code === '420000')).toBe(
      true,
    );
  });

  test('when a code is looked up, then it answers; an unknown code is 404 and a malformed one 400', async () => {
    expect((await request(t.app).get('/api/v1/regions/433101')).body.name).toBe('吉首市');
    expect((await request(t.app).get('/api/v1/regions/999999')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/regions/qianjiang')).status).toBe(400);
  });

  test('when the limit is above 100 or an unknown parameter is sent, then 400', async () => {
    expect((await request(t.app).get('/api/v1/regions').query({ limit: 500 })).status).toBe(400);
    expect((await request(t.app).get('/api/v1/regions').query({ foo: 1 })).status).toBe(400);
  });
});

describe('taxonomy', () => {
  test('when the taxonomy is read, then fields carry zh-CN and en labels and nested children', async () => {
    const res = await request(t.app).get('/api/v1/taxonomy');
    expect(res.status).toBe(200);
    const health = res.body.items.find((n: { code: string }) => n.code === 'health');
    expect(health.label).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
    expect(health.children.length).toBeGreaterThan(2);
    expect(health.children[0].parent).toBe('health');
  });
});
