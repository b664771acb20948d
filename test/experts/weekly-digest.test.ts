import type { Job } from 'bullmq';
import request from 'supertest';
import { Call } from '../../src/modules/calls/call.model';
import { EXPERT_DIGESTS_QUEUE } from '../../src/modules/digests/digests.jobs';
import { ExpertDigest } from '../../src/modules/digests/expert-digest.model';
import { digestWeekOf, sendWeeklyDigest } from '../../src/modules/digests/weekly-digest.service';
import { createActionToken } from '../../src/modules/email/action-links';
import { createMailer } from '../../src/modules/email/mailer';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { createTemplateRenderer } from '../../src/modules/email/template-renderer';
import { Expert } from '../../src/modules/experts/expert.model';
import { processExpertDigestJob } from '../../workers/processors/expert-digests.processor';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { callBody } from '../support/calls.factory';
import { inDays } from '../support/dates';
import { createExpertAs, type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { createNeed, createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';
import { startSmtpSink } from '../support/smtp-sink';

type DigestData = {
  sections: {
    kind: string;
    needs: { needId: string; reason: string; url: string }[];
    calls: { callId: string; title: string; applyBy: string; url: string }[];
  }[];
  unsubscribeUrl: string;
};

let t: TestApp;
let employer: Employer;
let coordinator: SignedIn;
let reader: RegisteredExpert;
/** The needs the reader meets, in the order they were opened. */
const met: string[] = [];

/** A cardiology need the expert of buildExpert() meets; county and mode vary the score. */
const cardiology = (title: string, overrides: Record<string, unknown> = {}) => ({
  title,
  field: 'health',
  mustHaveSkills: ['health.cardiology.arrhythmia'],
  niceToHaveSkills: [],
  mode: 'onsite',
  county: '500114',
  minTitleLevel: 'associate_senior',
  ...overrides,
});
const openMet = async (title: string, overrides: Record<string, unknown> = {}) => {
  const need = await createOpenNeed(t.app, employer.header, cardiology(title, overrides));
  met.push(need.id);
  return need.id;
};

const digestsTo = (email: string) =>
  OutboxEmail.find({ kind: 'expert-weekly-digest', to: email }).sort({ _id: 1 }).lean();
const neededIds = (data: unknown) =>
  (data as DigestData).sections.flatMap((s) => s.needs?.map((n) => n.needId) ?? []);
const pathOf = (url: string) => url.slice(t.config.http.publicUrl.length);

beforeAll(async () => {
  t = await startTestApp();
  [employer, coordinator, reader] = await Promise.all([
    registerEmployer(t.app, { verified: true }),
    staffUser(t.app, 'coordinator'),
    registerExpert(t.app),
  ]);
  await openMet('黔江心内科驻点');
  await openMet('远程心电会诊', { mode: 'remote', county: '520602', daysPerMonth: undefined });
  await openMet('恩施心律失常门诊', { county: '422801' });
  await openMet('黔江中医院心内科', { niceToHaveSkills: ['health.cardiology'] });
  await openMet('远程心衰随访', { mode: 'remote', county: '433101', daysPerMonth: undefined });
  await openMet('黔江社区心血管筛查', { minTitleLevel: 'intermediate' });
  // not met: another field, a mode the expert does not take; a draft is not open
  await createOpenNeed(t.app, employer.header, { title: '茶叶加工（不符合）' });
  await createOpenNeed(t.app, employer.header, cardiology('定期巡诊（不符合）', { mode: 'periodic' }));
  await createNeed(t.app, employer.header, cardiology('草稿'));
});
afterAll(() => t.close());

test('when a moment is given, then its digest week is the ISO week in China time', () => {
  expect(digestWeekOf(new Date('2026-01-01T04:00:00Z'))).toBe('2026-W01');
  expect(digestWeekOf(new Date('2027-01-01T04:00:00Z'))).toBe('2026-W53');
  expect(digestWeekOf(new Date('2024-12-30T04:00:00Z'))).toBe('2025-W01');
  // Monday 00:30 in Beijing is still Sunday in UTC
  expect(digestWeekOf(new Date('2026-11-29T15:30:00Z'))).toBe('2026-W48');
  expect(digestWeekOf(new Date('2026-11-29T16:30:00Z'))).toBe('2026-W49');
});

describe('the weekly digest', () => {
  test('when new needs suit the expert, then the digest lists only needs they meet, at most five, best first, each with a reason and a link', async () => {
    expect(await sendWeeklyDigest(t.ctx, reader.expertId, '2030-W01')).toBe('sent');
    const [digest] = await digestsTo(reader.email);
    const data = digest.data as DigestData;
    expect(data.sections.map((s) => s.kind)).toEqual(['needs']);
    const ranked = await request(t.app)
      .get('/api/v1/experts/me/recommended-needs')
      .query({ pageSize: '50' })
      .set(reader.auth.header);
    const best = ranked.body.items.map((i: { need: { id: string } }) => i.need.id);
    expect(new Set(best)).toEqual(new Set(met));
    expect(neededIds(data)).toEqual(best.slice(0, 5));
    for (const need of data.sections[0].needs) {
      expect(need.reason.length).toBeGreaterThan(2);
      expect(need.url).toBe(`${t.config.http.publicUrl}/expert/recommended/${need.needId}`);
    }
    expect(digest.language).toBe('zh-CN');
  });

  test('when a week has passed, then only needs opened since the last digest are listed, and nothing new sends nothing', async () => {
    const fresh = await openMet('黔江心内科第二批');
    expect(await sendWeeklyDigest(t.ctx, reader.expertId, '2030-W02')).toBe('sent');
    const digests = await digestsTo(reader.email);
    expect(digests).toHaveLength(2);
    expect(neededIds(digests[1].data)).toEqual([fresh]);
    expect(await sendWeeklyDigest(t.ctx, reader.expertId, '2030-W03')).toBe('nothing-new');
    expect(await sendWeeklyDigest(t.ctx, reader.expertId, '2030-W02')).toBe('already-sent');
    expect(await digestsTo(reader.email)).toHaveLength(2);
  });

  test('when experts are paused, reached by phone only, opted out or without consent, then they get no digest', async () => {
    const paused = await registerExpert(t.app, { availability: { paused: true } });
    const optedOut = await registerExpert(t.app);
    const off = await request(t.app)
      .patch('/api/v1/experts/me')
      .set(optedOut.auth.header)
      .send({ weeklyDigest: false });
    expect(off.status).toBe(200);
    expect(off.body.weeklyDigest).toBe(false);
    const phoneOnly = await createExpertAs(t.app, coordinator, { email: undefined });
    const noConsent = await registerExpert(t.app);
    await Expert.updateOne({ _id: noConsent.expertId }, { $set: { consents: [] } });
    await openMet('黔江心内科第三批');
    for (const id of [paused.expertId, optedOut.expertId, phoneOnly, noConsent.expertId]) {
      expect(await sendWeeklyDigest(t.ctx, id, '2030-W04')).toBe('not-a-recipient');
    }
    const sent = await OutboxEmail.countDocuments({
      kind: 'expert-weekly-digest',
      to: { $in: [paused.email, optedOut.email, noConsent.email] },
    });
    expect(sent).toBe(0);
  });

  test('when the weekly run and its jobs run twice, then each recipient gets one digest for the week', async () => {
    const second = await registerExpert(t.app, { name: '王芳', email: uniqueEmail('second') });
    await openMet('黔江心内科第四批');
    const weekly = { data: { kind: 'weekly' } } as Job;
    const week = digestWeekOf(new Date());
    expect(await processExpertDigestJob(t.ctx, weekly)).toBe(`${week}: 2 experts`);
    expect(await processExpertDigestJob(t.ctx, weekly)).toBe(`${week}: 2 experts`);
    const queue = t.ctx.queues.get(EXPERT_DIGESTS_QUEUE);
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter(
      (j) => j.name === 'expert',
    );
    expect(jobs.map((j) => j.id).sort()).toEqual(
      [reader.expertId, second.expertId].map((id) => `digest-${week}-${id}`).sort(),
    );
    const outcomes = [];
    for (const job of [...jobs, ...jobs]) outcomes.push(await processExpertDigestJob(t.ctx, job));
    expect(outcomes.sort()).toEqual(['already-sent', 'already-sent', 'sent', 'sent']);
    expect(await digestsTo(reader.email)).toHaveLength(3);
    const [theirs] = await digestsTo(second.email);
    expect(neededIds(theirs.data)).toHaveLength(5);
    // two runs at once: the unique (expert, week) record lets one through
    await openMet('黔江心内科第五批');
    const raced = await Promise.all([1, 2].map(() => sendWeeklyDigest(t.ctx, second.expertId, '2030-W05')));
    expect(raced.sort()).toEqual(['already-sent', 'sent']);
    expect(await digestsTo(second.email)).toHaveLength(2);
  });

  test('when the digest is sent, then it carries one-click List-Unsubscribe headers to the signed link', async () => {
    const [, , latest] = await digestsTo(reader.email);
    const { unsubscribeUrl } = latest.data as DigestData;
    expect(unsubscribeUrl).toMatch(/\/digest\/unsubscribe\?token=[\w.-]+$/);
    const rendered = createTemplateRenderer().render('expert-weekly-digest', 'zh-CN', latest.data);
    expect(rendered.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(rendered.text).toContain(unsubscribeUrl);
    const sink = await startSmtpSink();
    const mailer = createMailer({
      mail: { ...t.config.mail, smtp: { ...t.config.mail.smtp, port: sink.port } },
    });
    try {
      await mailer.send({
        to: { name: '', address: reader.email },
        ...rendered,
        messageId: '<d1@yinling.local>',
      });
      const message = await sink.waitFor(() => true);
      // mailparser gathers the List-* headers under "list"
      const list = message.headers.get('list') as Record<string, unknown>;
      expect(JSON.stringify(list.unsubscribe)).toContain(unsubscribeUrl);
      expect(JSON.stringify(list['unsubscribe-post'])).toContain('List-Unsubscribe=One-Click');
    } finally {
      mailer.close();
      await sink.stop();
    }
  });

  test('when the unsubscribe link is opened and its button pressed, or a mail client posts it, then the digest stops; a forged link is refused', async () => {
    const [first] = await digestsTo(reader.email);
    const link = pathOf((first.data as DigestData).unsubscribeUrl);
    const page = await request(t.app).get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('退订每周推荐邮件');
    // opening the page changes nothing
    expect((await request(t.app).get('/api/v1/experts/me').set(reader.auth.header)).body.weeklyDigest).toBe(
      true,
    );

    const forged = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await request(t.app).get(forged)).status).toBe(400);
    expect((await request(t.app).post(forged).type('form').send('List-Unsubscribe=One-Click')).status).toBe(
      400,
    );
    const offerToken = createActionToken(
      { purpose: 'offer-accept', subjectId: reader.expertId, expiresAt: new Date(Date.now() + 60_000) },
      t.config.links.secret,
    );
    expect((await request(t.app).get(`/digest/unsubscribe?token=${offerToken}`)).status).toBe(400);
    expect((await request(t.app).get('/digest/unsubscribe')).status).toBe(400);
    expect((await request(t.app).get('/api/v1/experts/me').set(reader.auth.header)).body.weeklyDigest).toBe(
      true,
    );

    // the mail client's one-click POST: no session, no CSRF token
    const oneClick = await request(t.app).post(link).type('form').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('已退订每周推荐邮件');
    const me = await request(t.app).get('/api/v1/experts/me').set(reader.auth.header);
    expect(me.body.weeklyDigest).toBe(false);
    // RFC 8058 allows a multipart body too; a second unsubscribe is harmless
    const again = await request(t.app).post(link).field('List-Unsubscribe', 'One-Click');
    expect(again.status).toBe(200);
    // the page's button posts the token in the form
    expect(page.text).toContain('action="/digest/unsubscribe"');
    const token = new URL(link, t.config.http.publicUrl).searchParams.get('token');
    const button = await request(t.app).post('/digest/unsubscribe').type('form').send({ token });
    expect(button.status).toBe(200);
    await openMet('黔江心内科第六批');
    expect(await sendWeeklyDigest(t.ctx, reader.expertId, '2030-W06')).toBe('not-a-recipient');
  });

  test('when the expert ticks the box on their profile page again, then the digest is back on; the API takes only a boolean', async () => {
    const { agent, csrfToken } = await pageAgent(t.app, reader.email);
    const form = await agent.get('/expert/profile');
    expect(form.text).toContain('每周推荐邮件');
    expect(form.text).toMatch(/name="weeklyDigest" value="true"(?! checked)/);
    const saved = await agent
      .post('/expert/profile')
      .type('form')
      .send({
        _csrf: csrfToken,
        name: '李明',
        email: reader.email,
        residenceCounty: '500114',
        'title.level': 'full_senior',
        'title.series': 'health',
        yearsOfExperience: '35',
        modes: ['onsite', 'remote'],
        fields: 'health',
        skills: 'health.cardiology',
        weeklyDigest: 'true',
      });
    expect(saved.status).toBe(303);
    const me = await request(t.app).get('/api/v1/experts/me').set(reader.auth.header);
    expect(me.body.weeklyDigest).toBe(true);
    expect(await sendWeeklyDigest(t.ctx, reader.expertId, '2030-W07')).toBe('sent');

    const bad = await request(t.app)
      .patch('/api/v1/experts/me')
      .set(reader.auth.header)
      .send({ weeklyDigest: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.weeklyDigest']);
  });
});

describe('open calls in the weekly digest', () => {
  /** A remote cardiology call (the expert of buildExpert() may apply), closing in 20 days. */
  const postCall = async (title: string, overrides: Record<string, unknown> = {}, publish = true) => {
    const created = await request(t.app)
      .post('/api/v1/calls')
      .set(employer.header)
      .send(callBody({ title, ...overrides }));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    if (publish) {
      expect((await request(t.app).post(`/api/v1/calls/${id}/publish`).set(employer.header)).status).toBe(
        200,
      );
    }
    return id;
  };
  const callIds = (data: unknown) =>
    (data as DigestData).sections.flatMap((s) => s.calls?.map((c) => c.callId) ?? []);

  test('when calls the expert may apply to were opened since the last digest, then they have their own section, at most five, recorded with the digest; closed, past, draft, unmet and applied-to calls are not listed; nothing new sends nothing', async () => {
    const caller = await registerExpert(t.app, { email: uniqueEmail('caller') });
    const fitting: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) fitting.push(await postCall(`心电会诊揭榜第${n}号`));
    const unmet = await postCall('茶叶加工揭榜（不符合）', {
      field: 'agriculture',
      mustHaveSkills: ['agriculture.tea.processing'],
    });
    const draft = await postCall('草稿揭榜', {}, false);
    const closed = await postCall('提前截止的揭榜');
    expect((await request(t.app).post(`/api/v1/calls/${closed}/close`).set(employer.header)).status).toBe(
      200,
    );
    const past = await postCall('最后一天已过的揭榜');
    await Call.updateOne({ _id: past }, { $set: { closesAt: new Date(Date.now() - 1000) } });
    const applied = await postCall('已报名的揭榜');
    const application = await request(t.app)
      .post(`/api/v1/calls/${applied}/applications`)
      .set(caller.auth.header)
      .send({ plan: '远程判读培训' });
    expect(application.status).toBe(201);

    expect(await sendWeeklyDigest(t.ctx, caller.expertId, '2031-W01')).toBe('sent');
    const [first] = await digestsTo(caller.email);
    const data = first.data as DigestData;
    expect(data.sections.map((s) => s.kind)).toEqual(['needs', 'calls']);
    const listed = callIds(data);
    expect(listed).toHaveLength(5);
    expect(fitting).toEqual(expect.arrayContaining(listed));
    const calls = data.sections[1].calls;
    expect(calls[0]).toMatchObject({
      applyBy: inDays(20),
      url: `${t.config.http.publicUrl}/expert/calls/${listed[0]}`,
    });
    const record = await ExpertDigest.findOne({ expertId: caller.expertId, week: '2031-W01' }).lean();
    expect(record?.shown.filter((s) => s.kind === 'calls').map((s) => s.id)).toEqual(listed);
    expect(record?.shown.some((s) => s.kind === 'needs')).toBe(true);
    const rendered = createTemplateRenderer().render('expert-weekly-digest', 'zh-CN', first.data);
    expect(rendered.text).toContain('可以报名的新榜单（5 项');
    expect(rendered.text).toContain(calls[0].title);
    expect(rendered.html).toContain(`href="${calls[0].url}"`);

    // a week later: only the call opened since, in a digest of calls alone; then nothing new
    const fresh = await postCall('心电会诊揭榜第七号');
    expect(await sendWeeklyDigest(t.ctx, caller.expertId, '2031-W02')).toBe('sent');
    const second = (await digestsTo(caller.email))[1].data as DigestData;
    expect(second.sections.map((s) => s.kind)).toEqual(['calls']);
    expect(callIds(second)).toEqual([fresh]);
    expect(await sendWeeklyDigest(t.ctx, caller.expertId, '2031-W03')).toBe('nothing-new');
    for (const id of [unmet, draft, closed, past, applied]) expect(callIds(data)).not.toContain(id);
  });
});
