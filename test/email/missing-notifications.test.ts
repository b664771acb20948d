import request from 'supertest';
import type { EmailKind } from '../../src/modules/email/email.kinds';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { createTemplateRenderer } from '../../src/modules/email/template-renderer';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { formAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { buildAssistedExpert, createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

interface Sent {
  kind: EmailKind;
  to: string;
  language: 'zh-CN' | 'en';
  data: Record<string, unknown>;
  status: string;
}

const sentTo = (to: string, kind: EmailKind) => OutboxEmail.find({ to, kind }).lean<Sent[]>();

/** The message as the worker would render it, with the configured office contact in its footer. */
function rendered(email: Sent) {
  return createTemplateRenderer(undefined, t.config.office).render(email.kind, email.language, email.data);
}

function expectOfficeContact(email: Sent) {
  const out = rendered(email);
  for (const part of [out.html, out.text]) {
    expect(part).toContain(t.config.office.phone);
    expect(part).toContain(t.config.office.address[email.language]);
  }
}

describe('organisation review', () => {
  test('when the office verifies an organisation, then its employer account is emailed with a link to the organisation page', async () => {
    const employer = await registerEmployer(t.app);
    const res = await request(t.app)
      .post(`/api/v1/organisations/${employer.organisationId}/verify`)
      .set(coordinator.header);
    expect(res.status).toBe(200);
    const [email] = await sentTo(employer.email, 'organisation-verified');
    expect(email).toBeDefined();
    expect(email.data.organisationName).toBe(res.body.name);
    expect(String(email.data.organisationUrl)).toBe(`${t.config.http.publicUrl}/employer/organisation`);
    expectOfficeContact(email);
  });

  test('when the office rejects an organisation, then the employer is emailed the reason, once', async () => {
    const employer = await registerEmployer(t.app);
    const reason = '营业执照上的名称与统一社会信用代码不一致，请核对后重新提交。';
    const res = await request(t.app)
      .post(`/api/v1/organisations/${employer.organisationId}/reject`)
      .set(coordinator.header)
      .send({ reason });
    expect(res.status).toBe(200);
    const emails = await sentTo(employer.email, 'organisation-rejected');
    expect(emails).toHaveLength(1);
    expect(emails[0].data.reason).toBe(reason);
    const out = rendered(emails[0]);
    expect(out.text).toContain(reason);
    expect(out.text).not.toContain('。。');
    expect(await sentTo(employer.email, 'organisation-verified')).toHaveLength(0);
  });

  test('when a review is refused (already verified), then no email is written', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const res = await request(t.app)
      .post(`/api/v1/organisations/${employer.organisationId}/verify`)
      .set(coordinator.header);
    expect(res.status).toBe(409);
    expect(await sentTo(employer.email, 'organisation-verified')).toHaveLength(0);
  });
});

describe('a candidate waiting for the employer', () => {
  test('when the office confirms a candidate for a need that wants the employer’s approval, then the employer is emailed a link to the need', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const expertId = await createExpertAs(t.app, coordinator, {
      name: '向德明',
      fields: ['agriculture'],
      skills: ['agriculture.tea.processing'],
      title: { level: 'full_senior', series: 'agriculture' },
      modes: ['onsite', 'periodic', 'remote'],
    });
    const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: true });
    await rankNeed(t.ctx, need.id);
    const res = await request(t.app)
      .post(`/api/v1/needs/${need.id}/candidates/${expertId}/confirm`)
      .set(coordinator.header);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('awaiting_employer');
    const [email] = await sentTo(employer.email, 'candidate-awaiting-employer');
    expect(email).toBeDefined();
    expect(email.data).toMatchObject({ matchId: res.body.id, expertName: '向德明', needTitle: need.title });
    expect(email.data.needUrl).toBe(`${t.config.http.publicUrl}/employer/needs/${need.id}`);
    expectOfficeContact(email);
  });
});

describe('an expert registered in person', () => {
  test('when the office registers an expert with an address, then they are invited (not a reset) and the link sets their first password', async () => {
    const email = uniqueEmail('assisted');
    const expertId = await createExpertAs(t.app, coordinator, { email, name: '冉桂英' });
    expect(expertId).toMatch(/^[a-f0-9]{24}$/);
    expect(await sentTo(email, 'password-reset')).toHaveLength(0);
    const [invitation] = await sentTo(email, 'expert-invitation');
    expect(invitation).toBeDefined();
    const out = rendered(invitation);
    expect(out.subject).toContain('欢迎');
    expect(out.subject).not.toContain('重新设置');
    expectOfficeContact(invitation);
    // valid well beyond a reset link's two hours
    const days = (new Date(String(invitation.data.expiresAt)).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(7);

    const link = new URL(String(invitation.data.setPasswordUrl));
    expect(link.pathname).toBe('/set-password');
    const token = link.searchParams.get('token') as string;
    const { agent, csrfToken } = await formAgent(t.app, `/set-password?token=${token}`);
    const set = await agent
      .post('/set-password')
      .type('form')
      .send({ token, password: 'my first password', _csrf: csrfToken });
    expect(set.status).toBe(303);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email, password: 'my first password' });
    expect(login.status).toBe(200);
  });

  test('when the registration is refused (address taken), then no invitation is left behind', async () => {
    const email = uniqueEmail('taken');
    await createExpertAs(t.app, coordinator, { email });
    const again = await request(t.app)
      .post('/api/v1/experts')
      .set(coordinator.header)
      .send(buildAssistedExpert({ email }));
    expect(again.status).toBe(409);
    expect(await sentTo(email, 'expert-invitation')).toHaveLength(1);
  });
});

describe('the office contact', () => {
  test('when any page is shown, then its footer names the office’s phone number and address', async () => {
    const zh = await request(t.app).get('/login');
    expect(zh.text).toContain(`href="tel:${t.config.office.phone}"`);
    expect(zh.text).toContain(t.config.office.address['zh-CN']);
    const en = await request(t.app).get('/login').set('Cookie', 'lang=en');
    expect(en.text).toContain(t.config.office.address.en);
  });
});
