import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { registerEmployer } from '../support/organisations.factory';
import { pageAgent } from './page-agent';

let t: TestApp;
let coordinator: SignedIn;
let coord: Awaited<ReturnType<typeof pageAgent>>;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
  coord = await pageAgent(t.app, coordinator.email);
});
afterAll(() => t.close());

/** Posts a page form with the agent's session and CSRF token. */
const post = (path: string, form: Record<string, string>) =>
  coord.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: coord.csrfToken });

describe('the travel-times page', () => {
  test('when a coordinator looks up a pair and corrects it, then the page shows the correction beside the road model, and can remove it', async () => {
    const look = await coord.agent.get('/coordinator/travel-times?from=500114&to=500242');
    expect(look.status).toBe(200);
    expect(look.text).toContain('道路模型');

    const missing = await post('/coordinator/travel-times', {
      from: '500114',
      to: '500242',
      minutes: '',
      note: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('aria-invalid="true"');

    const saved = await post('/coordinator/travel-times', {
      from: '500114',
      to: '500242',
      minutes: '95',
      note: 'G65 黔江至酉阳段施工，单向通行',
    });
    expect(saved.status).toBe(303);
    const after = await coord.agent.get('/coordinator/travel-times?from=500114&to=500242');
    expect(after.text).toContain('1小时35分钟');
    expect(after.text).toContain('已人工更正');
    expect(after.text).toContain('G65 黔江至酉阳段施工');

    const cleared = await post('/coordinator/travel-times/500114/500242/clear', {});
    expect(cleared.status).toBe(303);
    expect((await coord.agent.get('/coordinator/travel-times')).text).toContain('还没有更正');
  });

  test('when an employer opens the page, then it is refused', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const agent = await pageAgent(t.app, employer.email as string);
    expect((await agent.agent.get('/coordinator/travel-times')).status).toBe(403);
  });
});
