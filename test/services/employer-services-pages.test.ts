import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { registerEngagedExpert } from '../support/experts.factory';
import { nominatedTalent } from './service-helpers';

let t: TestApp;
let admin: SignedIn;
let coordinator: SignedIn;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  await seedCatalogue();
  [admin, coordinator] = await Promise.all([staffUser(t.app, 'admin'), staffUser(t.app, 'coordinator')]);
}, 60_000);
afterAll(() => t.close());

const withNominee = (name: string) => nominatedTalent(t.app, { admin, coordinator }, { name });

describe("an employer's page of its key talents' services", () => {
  test('when the employer files for its nominee on the page, then the request is priority and the page shows its status, not its contents', async () => {
    const { employer, nominee } = await withNominee('冉光荣');
    const boss = await pageAgent(t.app, employer.email);
    const home = await boss.agent.get('/employer/services');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`href="/employer/services/new?expertId=${nominee}"`);
    expect(home.text).toContain('为 冉光荣 申请服务');

    const catalogue = await boss.agent.get(`/employer/services/new?expertId=${nominee}`);
    expect(catalogue.status).toBe(200);
    expect(catalogue.text.replace(/&#x3D;/g, '=')).toContain(
      `href="/employer/services/new?expertId=${nominee}&amp;service=annual-health-check"`,
    );
    const form = await boss.agent.get(
      `/employer/services/new?expertId=${nominee}&service=annual-health-check`,
    );
    expect(form.text).toContain('action="/employer/services/new"');
    expect(form.text).toContain(`name="expertId" value="${nominee}"`);

    const missing = await boss.agent
      .post('/employer/services/new')
      .type('form')
      .send({ _csrf: boss.csrfToken, serviceCode: 'annual-health-check', expertId: nominee });
    expect(missing.status).toBe(400);
    expect(await ServiceRequest.countDocuments({ expertId: nominee })).toBe(0);

    const filed = await boss.agent
      .post('/employer/services/new')
      .type('form')
      .send({
        _csrf: boss.csrfToken,
        serviceCode: 'annual-health-check',
        expertId: nominee,
        'facts.preferredDate': inDays(15),
        'facts.hospital': 'central',
      });
    expect(filed.status).toBe(303);
    expect(filed.headers.location).toBe('/employer/services?done=svcFiled');
    const stored = await ServiceRequest.findOne({ expertId: nominee }).lean();
    expect(stored).toMatchObject({ priority: true, filedByRole: 'employer', status: 'submitted' });

    const after = await boss.agent.get('/employer/services');
    expect(after.text).toContain('冉光荣');
    expect(after.text).toContain('年度健康体检');
    expect(after.text).toContain('已提交');
    expect(after.text).not.toContain(inDays(15)); // the facts stay with the expert, the unit and the office
  });

  test('when an employer names an expert who is not its nominee, or an expert opens the page, then it is refused', async () => {
    const { employer } = await withNominee('别家专家');
    const other = await withNominee('本家专家');
    const boss = await pageAgent(t.app, employer.email);
    expect((await boss.agent.get(`/employer/services/new?expertId=${other.nominee}`)).status).toBe(404);
    expect((await boss.agent.get('/employer/services/new?expertId=nonsense')).status).toBe(404);
    const post = await boss.agent
      .post('/employer/services/new')
      .type('form')
      .send({
        _csrf: boss.csrfToken,
        serviceCode: 'annual-health-check',
        expertId: other.nominee,
        'facts.preferredDate': inDays(15),
        'facts.hospital': 'central',
      });
    expect(post.status).toBe(404);
    expect(await ServiceRequest.countDocuments({ expertId: other.nominee })).toBe(0);

    const expert = await registerEngagedExpert(t.app);
    const page = await pageAgent(t.app, expert.email);
    expect((await page.agent.get('/employer/services')).status).toBe(403);
  });
});
