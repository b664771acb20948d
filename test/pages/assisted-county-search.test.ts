import request from 'supertest';
import { Expert } from '../../src/modules/experts/expert.model';
import { startTestApp, type TestApp } from '../support/app';
import { staffUser, uniqueEmail } from '../support/auth';
import { pageAgent } from './page-agent';

let t: TestApp;
let coord: Awaited<ReturnType<typeof pageAgent>>;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coord = await pageAgent(t.app, (await staffUser(t.app, 'coordinator')).email);
});
afterAll(() => t.close());

/** What a browser without the script sends: the plain select's value. */
const plainForm = (email: string) => ({
  _csrf: coord.csrfToken,
  name: '向秀英',
  email,
  residenceCounty: '422801',
  'title.level': 'associate_senior',
  fields: 'agriculture',
  modes: 'periodic',
  preferredLanguage: 'zh-CN',
});

describe('the county on the assisted registration form', () => {
  test('when a coordinator opens the form, then the county select offers the search (Chinese and pinyin) and keeps every county as a plain option', async () => {
    const form = await coord.agent.get('/coordinator/experts/new');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<select[^>]*name="residenceCounty"[^>]*data-county-search/);
    expect(form.text).toContain('<script src="/assets/county-search.js" defer></script>');
    expect(form.text).toMatch(/<select[^>]*name="residenceCounty"[\s\S]*?<option value="500114">黔江区/);
    const script = await request(t.app).get('/assets/county-search.js');
    expect(script.status).toBe(200);
    expect(script.text).toContain('data-county-search');
  });

  test('when the form is sent from the plain select (no script), then the county is recorded; after a refusal it stays chosen with its search', async () => {
    const email = uniqueEmail('assisted.county');
    const refused = await coord.agent.post('/coordinator/experts').type('form').send(plainForm(email));
    expect(refused.status).toBe(400); // consent not ticked
    expect(refused.text).toMatch(/<select[^>]*name="residenceCounty"[^>]*data-county-search/);
    expect(refused.text).toContain('<option value="422801" selected>');

    const done = await coord.agent
      .post('/coordinator/experts')
      .type('form')
      .send({ ...plainForm(email), 'consent.accepted': 'true' });
    expect(done.status).toBe(303);
    expect((await Expert.findOne({ email }).lean())?.residenceCounty).toBe('422801');
  });
});
