import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { registerExpert } from '../support/experts.factory';

type Agent = Awaited<ReturnType<typeof pageAgent>>;

let t: TestApp;
let admin: SignedIn;
let asAdmin: Agent;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  await seedCatalogue();
  admin = await staffUser(t.app, 'admin');
  asAdmin = await pageAgent(t.app, admin.email);
}, 60_000);
afterAll(() => t.close());

const post = (who: Agent, path: string, form: Record<string, string>) =>
  who.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: who.csrfToken });
const service = async (code: string) =>
  (await request(t.app).get(`/api/v1/services/${code}`).set(admin.header)).body;

describe('the catalogue admin page', () => {
  test('when an admin opens the catalogue, then every service shows by unit with both names, contact, who may use it, its facts and days; the dashboard links to it', async () => {
    const dashboard = await asAdmin.agent.get('/coordinator');
    expect(dashboard.text).toContain('href="/admin/services"');
    const page = await asAdmin.agent.get('/admin/services');
    expect(page.status).toBe(200);
    expect(page.text).toContain('服务目录管理');
    expect(page.text).toContain('<h2 id="unit-');
    expect(page.text).toContain('黔江区人才服务中心');
    const card = /<article class="card" id="service-meal-card"[\s\S]*?<\/article>/.exec(page.text)?.[0] ?? '';
    expect(card).toContain('meal-card');
    expect(card).toContain('就餐卡办理');
    expect(card).toContain('Canteen meal card');
    expect(card).toContain('023-79220101');
    expect(card).toContain('随行家属');
    expect(card).toContain('就餐食堂');
    expect(card).toContain('办理月数');
    expect(card).toContain('3 个工作日');
    expect(card).toContain('正在提供');
    expect(card).toContain('href="/admin/services/meal-card"');
  });

  test('when an admin edits a service, then the change is saved, audited and shown; a retired service stays listed', async () => {
    const form = await asAdmin.agent.get('/admin/services/meal-card');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/id="f-promisedDays"[^>]*value="3"/);
    expect(form.text).toMatch(/id="f-unitPhone"[^>]*value="023-79220101"/);
    expect(form.text).toMatch(/value="true" checked/);

    const saved = await post(asAdmin, '/admin/services/meal-card', {
      promisedDays: '5',
      unitPhone: '023-79229999',
      unitEmail: 'meals@qianjiang.example.org',
      active: 'false',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/admin/services?saved=meal-card');
    expect(await service('meal-card')).toMatchObject({
      promisedDays: 5,
      active: false,
      unit: { phone: '023-79229999', email: 'meals@qianjiang.example.org' },
    });
    const audit = await AuditEntry.findOne({ action: 'service.update', targetId: 'meal-card' }).lean();
    expect(audit?.actorId.toString()).toBe(admin.userId);

    const list = await asAdmin.agent.get(saved.headers.location);
    expect(list.text).toContain('“就餐卡办理”的修改已保存。');
    const card = /<article class="card" id="service-meal-card"[\s\S]*?<\/article>/.exec(list.text)?.[0] ?? '';
    expect(card).toContain('已停止提供');
    expect(card).toContain('5 个工作日');
    expect(card).toContain('023-79229999');

    const back = await post(asAdmin, '/admin/services/meal-card', {
      promisedDays: '3',
      unitPhone: '023-79220101',
      unitEmail: 'meals@qianjiang.example.org',
      active: 'true',
    });
    expect(back.status).toBe(303);
    expect((await service('meal-card')).active).toBe(true);
  });

  test('when a value is wrong, then each error shows beside its field, the entered values stay, and nothing changes', async () => {
    const before = await service('phone-network');
    const audits = await AuditEntry.countDocuments({ targetId: 'phone-network' });
    const res = await post(asAdmin, '/admin/services/phone-network', {
      promisedDays: '0',
      unitPhone: '023-79220101',
      unitEmail: 'not an address',
      active: 'false',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('有些地方需要修改');
    expect(res.text).toMatch(/id="f-promisedDays-error"[^>]*>.*不能小于 1/);
    expect(res.text).toMatch(/id="f-unitEmail-error"[^>]*>.*请填写正确的邮箱地址/);
    expect(res.text).toMatch(/id="f-unitEmail"[^>]*value="not an address"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('href="#f-promisedDays"');
    expect(res.text).toMatch(/value="false" checked/);
    expect(await service('phone-network')).toEqual(before);
    expect(await AuditEntry.countDocuments({ targetId: 'phone-network' })).toBe(audits);

    const emptied = await post(asAdmin, '/admin/services/phone-network', {
      promisedDays: '',
      unitPhone: '',
      unitEmail: before.unit.email,
      active: 'true',
    });
    expect(emptied.status).toBe(400);
    expect(emptied.text).toContain('id="f-promisedDays-error"');
    expect(emptied.text).toContain('id="f-unitPhone-error"');
    expect(await service('phone-network')).toEqual(before);

    expect((await asAdmin.agent.get('/admin/services/no-such-service')).status).toBe(404);
  });

  test('when a coordinator or an expert asks, then the catalogue admin pages are refused as other admin pages are', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    const asCoordinator = await pageAgent(t.app, coordinator.email);
    const expert = await registerExpert(t.app);
    const asExpert = await pageAgent(t.app, expert.email);
    for (const who of [asCoordinator, asExpert]) {
      expect((await who.agent.get('/admin/services')).status).toBe(403);
      expect((await who.agent.get('/admin/services/meal-card')).status).toBe(403);
      const res = await post(who, '/admin/services/meal-card', {
        promisedDays: '9',
        unitPhone: '023-79220101',
        unitEmail: 'x@example.org',
        active: 'true',
      });
      expect(res.status).toBe(403);
    }
    expect((await asCoordinator.agent.get('/coordinator')).text).not.toContain('href="/admin/services"');
    expect((await service('meal-card')).promisedDays).toBe(3);
    const anonymous = await request(t.app).get('/admin/services');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fadmin%2Fservices');
  });
});
