import request from 'supertest';
import { loginDelayKey } from '../../src/modules/accounts/login-rate-limit';
import { createUser } from '../../src/modules/accounts/users.service';
import { formAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

async function newAccount(): Promise<string> {
  const email = uniqueEmail('owner');
  await createUser({ email, password: TEST_PASSWORD, role: 'coordinator', displayName: '测试' });
  return email;
}

const attempt = (agent: request.Agent | ReturnType<typeof request>, email: string, password: string) =>
  agent.post('/api/v1/auth/login').send({ email, password });

/** As if the delay had passed: the last attempt is moved into the past (no sleeping in tests). */
const letTimePass = (email: string) => t.redis.hset(loginDelayKey(t.ctx, `email:${email}`), 'at', '0');

describe('progressive login delays instead of a lockout', () => {
  test('when an attacker fails five times, then the owner on a known device signs in at once; an unknown device waits briefly, then may try', async () => {
    const email = await newAccount();
    const owner = request.agent(t.app);
    const first = await attempt(owner, email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(String(first.headers['set-cookie'])).toMatch(/yl\.device=[^;]+;.*HttpOnly/i);

    for (let i = 0; i < 5; i++)
      expect((await attempt(request(t.app), email, 'attacker-guess')).status).toBe(401);

    const stranger = await attempt(request(t.app), email, TEST_PASSWORD);
    expect(stranger.status).toBe(429);
    expect(stranger.body.error.code).toBe('TOO_MANY_REQUESTS');
    const wait = Number(stranger.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThan(60);

    expect((await attempt(owner, email, 'owner-typo')).status).toBe(401);
    expect((await attempt(owner, email, TEST_PASSWORD)).status).toBe(200);

    await letTimePass(email);
    expect((await attempt(request(t.app), email, TEST_PASSWORD)).status).toBe(200);
  });

  test('when failures go on, then each further wait grows, capped well below a 15-minute lockout', async () => {
    const email = await newAccount();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) await attempt(request(t.app), email, 'attacker-guess');
    for (let i = 0; i < 12; i++) {
      const refused = await attempt(request(t.app), email, 'attacker-guess');
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers['retry-after']));
      await letTimePass(email);
      expect((await attempt(request(t.app), email, 'attacker-guess')).status).toBe(401);
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300);
  });

  test('when a device signed in to another account, then its cookie does not let it past this account’s delay', async () => {
    const victim = await newAccount();
    const attackerEmail = await newAccount();
    const attacker = request.agent(t.app);
    expect((await attempt(attacker, attackerEmail, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(attacker, victim, 'attacker-guess')).status).toBe(401);
    expect((await attempt(attacker, victim, 'attacker-guess')).status).toBe(429);
  });

  test('when the owner signed in on the sign-in page before, then that browser is known too', async () => {
    const email = await newAccount();
    const { agent, csrfToken } = await formAgent(t.app, '/login');
    const signedIn = await agent
      .post('/login')
      .type('form')
      .send({ email, password: TEST_PASSWORD, _csrf: csrfToken });
    expect(signedIn.status).toBe(303);
    for (let i = 0; i < 5; i++) await attempt(request(t.app), email, 'attacker-guess');
    const { csrfToken: again } = {
      csrfToken: (await agent.get('/login')).text.match(/name="_csrf" value="([^"]*)"/)?.[1],
    };
    const back = await agent
      .post('/login')
      .type('form')
      .send({ email, password: TEST_PASSWORD, _csrf: again });
    expect(back.status).toBe(303);
  });
});
