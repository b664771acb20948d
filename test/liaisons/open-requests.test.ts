import request from 'supertest';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createEngagedExpertAs } from '../support/experts.factory';
import { staff } from './liaison-helpers';

let t: TestApp;
let liaison: SignedIn;
let office: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  await seedCatalogue();
  liaison = await staffUser(t.app, 'coordinator');
  office = await staff('coordinator', '办公室');
});
afterAll(() => t.close());

const api = () => request(t.app);
const APARTMENT = { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' };

async function fileFor(expertId: string): Promise<string> {
  const res = await api()
    .post('/api/v1/service-requests')
    .set(office.header)
    .send({ serviceCode: 'talent-apartment', expertId, facts: APARTMENT });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('open service requests on my experts', () => {
  test('when my experts have requests, then the API and the page count the open ones and those overdue; closed ones do not count', async () => {
    const busy = await createEngagedExpertAs(t.app, office, { name: '申请多' });
    const idle = await createEngagedExpertAs(t.app, office, { name: '没申请' });
    const elsewhere = await createEngagedExpertAs(t.app, office, { name: '别人的专家' });
    for (const id of [busy, idle]) {
      const res = await api().put(`/api/v1/liaisons/experts/${id}`).set(office.header).send({
        liaisonId: liaison.userId,
      });
      expect(res.status).toBe(200);
    }
    const late = await fileFor(busy);
    await fileFor(busy); // open and on time
    const withdrawn = await fileFor(busy);
    await fileFor(elsewhere);
    // The clock is not moved for a read: the late request's promised time is put in the past instead.
    await ServiceRequest.updateOne({ _id: late }, { $set: { dueAt: new Date(Date.now() - 86_400_000) } });
    const withdraw = await api()
      .post(`/api/v1/service-requests/${withdrawn}/withdraw`)
      .set(office.header)
      .send({ reason: '专家已自行解决' });
    expect(withdraw.status).toBe(200);

    const mine = await api().get('/api/v1/liaisons/mine').set(liaison.header);
    expect(mine.status).toBe(200);
    const byId = new Map(mine.body.items.map((e: { expertId: string }) => [e.expertId, e]));
    expect(byId.size).toBe(2);
    expect(byId.get(busy)).toMatchObject({ openServiceRequests: 2, overdueServiceRequests: 1 });
    expect(byId.get(idle)).toMatchObject({ openServiceRequests: 0, overdueServiceRequests: 0 });

    const { agent } = await pageAgent(t.app, liaison.email);
    const page = await agent.get('/coordinator/my-experts');
    expect(page.status).toBe(200);
    const row = (name: string) => new RegExp(`${name}</a></td>[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
    expect(row('申请多')).toMatch(
      /<td class="num"><a href="\/coordinator\/services\/requests\?expertId=[0-9a-f]{24}">2<\/a><br><strong>其中 1 件已超期<\/strong><\/td>/,
    );
    expect(row('没申请')).toContain('<td class="num">0</td>');
    expect(page.text).not.toContain('别人的专家');
  });
});
