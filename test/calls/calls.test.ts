import type { Job } from 'bullmq';
import request from 'supertest';
import { Call, CallApplication } from '../../src/modules/calls/call.model';
import { CALL_DEADLINES_QUEUE, scheduleCallClose } from '../../src/modules/calls/calls.jobs';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import {
  processCallDeadlineJob,
  startCallDeadlines,
} from '../../workers/processors/call-deadlines.processor';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { callBody } from '../support/calls.factory';
import { inDays } from '../support/dates';
import { createExpertAs, type RegisteredExpert, signedUpAccount, tokenFor } from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

type Employer = Awaited<ReturnType<typeof employerUser>>;

let t: TestApp;
let employer: Employer;
let other: Employer;
let unverified: Employer;
let coordinator: SignedIn;
/** Two cardiologists who meet the call, and a tea specialist who does not. */
let lead: RegisteredExpert;
let rival: RegisteredExpert;
let outsider: RegisteredExpert;
let members: string[];
/** The members' registered mobile numbers (each their own), as a lead names them. */
let phones: string[];
let pausedMember: string;
let pausedPhone: string;

const api = () => request(t.app);
const post = (path: string, who: { header: { Authorization: string } }, body?: object) =>
  api().post(`/api/v1${path}`).set(who.header).send(body);
const get = (path: string, who: { header: { Authorization: string } }) =>
  api().get(`/api/v1${path}`).set(who.header);

async function openCall(
  overrides: Record<string, unknown> = {},
  owner: Employer = employer,
): Promise<string> {
  const created = await post('/calls', owner, callBody(overrides));
  if (created.status !== 201) throw new Error(`call not created: ${JSON.stringify(created.body)}`);
  const published = await post(`/calls/${created.body.id}/publish`, owner);
  if (published.status !== 200) throw new Error(`call not published: ${JSON.stringify(published.body)}`);
  return created.body.id;
}

/** An expert registered by the office, with an account (no password to hash) and an API token. */
async function expertWithAccount(overrides: Record<string, unknown>): Promise<RegisteredExpert> {
  const email = uniqueEmail('expert');
  const expertId = await createExpertAs(t.app, coordinator, { ...overrides, email });
  const userId = String((await signedUpAccount(email))._id);
  return { expertId, userId, email, auth: await tokenFor(userId, email) };
}

beforeAll(async () => {
  t = await startTestApp();
  [employer, other, unverified, coordinator] = await Promise.all([
    employerUser(),
    employerUser(),
    employerUser(),
    staffUser(t.app, 'coordinator'),
  ]);
  await Organisation.updateOne({ _id: unverified.organisationId }, { $set: { status: 'pending' } });
  [lead, rival, outsider] = await Promise.all([
    expertWithAccount({ name: '陈建国' }),
    expertWithAccount({ name: '王立新', preferredLanguage: 'en' }),
    expertWithAccount({
      fields: ['agriculture'],
      skills: ['agriculture.tea.processing'],
      title: { level: 'full_senior', series: 'agriculture' },
      tags: ['绿茶'],
    }),
  ]);
  const names = ['队员甲', '队员乙', '队员丙', '队员丁', '队员戊', '休息中'];
  phones = names.map((_, k) => `1370000000${k}`);
  members = await Promise.all(
    names.map((name, k) => createExpertAs(t.app, coordinator, { name, phone: phones[k] })),
  );
  pausedMember = members.pop() as string;
  pausedPhone = phones.pop() as string;
  await Expert.updateOne({ _id: pausedMember }, { $set: { 'availability.paused': true } });
});
afterAll(() => t.close());

describe('posting and publishing a call', () => {
  test('when a verified employer posts and publishes a call, then it is open, closes at the end of its last day (China time) and its close is scheduled', async () => {
    const id = await openCall();
    const res = await get(`/calls/${id}`, employer);
    expect(res.body).toMatchObject({
      status: 'open',
      applyBy: inDays(20),
      title: '基层心血管病防治能力提升揭榜',
    });
    expect(res.body.closesAt).toBe(new Date(`${inDays(20)}T15:59:59.999Z`).toISOString());
    const job = await t.ctx.queues
      .get(CALL_DEADLINES_QUEUE)
      .getJob(`call-close-${id}-${Date.parse(res.body.closesAt)}`);
    expect(job?.data).toEqual({ kind: 'close', callId: id });
  });

  test('when an unverified employer publishes, then 409 and the call stays a draft', async () => {
    const created = await post('/calls', unverified, callBody());
    expect(created.status).toBe(201);
    const res = await post(`/calls/${created.body.id}/publish`, unverified);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ORGANISATION_NOT_VERIFIED');
    expect((await get(`/calls/${created.body.id}`, unverified)).body.status).toBe('draft');
  });

  test('when a call is posted with a past deadline, no level or unknown keys, then 400 names each field', async () => {
    const res = await post('/calls', employer, {
      ...callBody({ applyBy: inDays(-1), minTitleLevel: undefined }),
      budget: 1,
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.applyBy', 'body']));
    const noLevel = await post('/calls', employer, callBody({ minTitleLevel: undefined }));
    expect(noLevel.status).toBe(400);
    expect(noLevel.body.error.details.map((d: { path: string }) => d.path)).toContain('body.minTitleLevel');
  });

  test('when staff post without naming the organisation, then 400; another employer cannot see or publish the call (404)', async () => {
    const res = await post('/calls', coordinator, callBody());
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.organisationId');
    const created = await post('/calls', employer, callBody());
    expect((await get(`/calls/${created.body.id}`, other)).status).toBe(404);
    expect((await post(`/calls/${created.body.id}/publish`, other)).status).toBe(404);
  });
});

describe('applying', () => {
  let callId: string;
  beforeAll(async () => {
    callId = await openCall({ title: '心电远程会诊揭榜' });
  });

  test('when an expert lists calls, then they see the open calls they meet, never those they do not or drafts', async () => {
    const draft = (await post('/calls', employer, callBody({ title: '草稿揭榜' }))).body.id;
    const mine = await get('/calls?pageSize=100', lead.auth);
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(callId);
    expect(ids).not.toContain(draft);
    const theirs = await get('/calls?pageSize=100', outsider.auth);
    expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(callId);
    expect((await get(`/calls/${callId}`, outsider.auth)).status).toBe(404);
    expect((await post(`/calls/${callId}/applications`, outsider.auth, { plan: '我想试试' })).status).toBe(
      404,
    );
  });

  test('when a team of six applies, or names members who are paused, unknown, the lead, shared, twice or not a contact, then 400 names each box at fault', async () => {
    const six = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '方案',
      memberContacts: [...phones, pausedPhone],
    });
    expect(six.status).toBe(400);
    expect(six.body.error.details[0].path).toBe('body.memberContacts');
    const paths = (res: { body: { error: { details: { path: string; message: string }[] } } }) =>
      res.body.error.details.map((d) => [d.path, d.message]);
    const refused = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '方案',
      memberContacts: [phones[0], pausedPhone, '13700009999', lead.email.toUpperCase()],
    });
    expect(refused.status).toBe(400);
    expect(paths(refused)).toEqual([
      ['body.memberContacts.1', 'this expert has paused'],
      ['body.memberContacts.2', 'no registered expert has this mobile number or email'],
      ['body.memberContacts.3', 'you lead the team: name the other members only'],
    ]);
    const malformed = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '方案',
      memberContacts: ['队员甲', `+86 ${phones[0]}`, phones[0]],
    });
    expect(malformed.status).toBe(400);
    expect(paths(malformed)).toEqual([
      ['body.memberContacts.0', 'a registered mobile number or email address'],
      ['body.memberContacts.2', 'this member is named twice'],
    ]);
    // the lead, the rival and the outsider registered the same number; a member named by number and email
    const firstEmail = (await Expert.findById(members[0]).lean())?.email as string;
    const ambiguous = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '方案',
      memberContacts: ['138-1234-5678', phones[0], firstEmail],
    });
    expect(ambiguous.status).toBe(400);
    expect(paths(ambiguous)).toEqual([
      ['body.memberContacts.0', 'several experts registered this mobile number: give their email'],
      ['body.memberContacts.2', 'this member is named twice'],
    ]);
    const old = await post(`/calls/${callId}/applications`, lead.auth, { plan: '方案', memberExpertIds: [] });
    expect(old.status).toBe(400);
    expect(await CallApplication.countDocuments({ callId })).toBe(0);
    const doc = (await api().get('/openapi.json')).body;
    const body = doc.components.schemas.ApplyToCallBody;
    expect(Object.keys(body.properties).sort()).toEqual(['memberContacts', 'plan']);
    expect(body.properties.memberContacts.description).toMatch(/mobile number or email/);
  });

  test('when an expert applies leading a team of five, then the team is listed and a second application is 409', async () => {
    const team = members.slice(0, 4);
    const thirdEmail = (await Expert.findById(members[2]).lean())?.email as string;
    const res = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '分三期培训乡镇医生，建立远程判读流程。',
      memberContacts: [
        phones[0],
        ` ${phones[1].slice(0, 3)} ${phones[1].slice(3)} `,
        thirdEmail.toUpperCase(),
        phones[3],
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      lead: { expertId: lead.expertId, name: '陈建国' },
    });
    expect(res.body.members.map((m: { expertId: string }) => m.expertId)).toEqual(team);
    expect(res.body).not.toHaveProperty('fit');
    // the view names the members; it carries no contacts
    expect(JSON.stringify(res.body)).not.toMatch(/1370000000|@/);
    const again = await post(`/calls/${callId}/applications`, lead.auth, { plan: '再来一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_APPLIED');
  });

  test('when an expert applies alone and withdraws before the deadline, then it is withdrawn and only their own applications are listed', async () => {
    const res = await post(`/calls/${callId}/applications`, rival.auth, { plan: '单人远程指导' });
    expect(res.status).toBe(201);
    expect(res.body.members).toEqual([]);
    const withdrawn = await post(`/calls/${callId}/applications/${res.body.id}/withdraw`, rival.auth);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await post(`/calls/${callId}/applications/${res.body.id}/withdraw`, lead.auth)).status).toBe(404);
    const own = await get('/experts/me/call-applications', rival.auth);
    expect(own.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    const member = await get('/experts/me/call-applications', lead.auth);
    expect(
      member.body.items.every((a: { lead: { expertId: string } }) => a.lead.expertId === lead.expertId),
    ).toBe(true);
  });

  test('when the lead sends a withdrawn application again, then the same record is submitted with the new plan and team and the withdrawn one is kept; while it is live another send is 409, and two at once re-open it once', async () => {
    const [withdrawn] = (await get('/experts/me/call-applications', rival.auth)).body.items;
    expect(withdrawn.status).toBe('withdrawn');
    const again = await post(`/calls/${callId}/applications`, rival.auth, {
      plan: '改为两人远程指导',
      memberContacts: [phones[4]],
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      id: withdrawn.id,
      status: 'submitted',
      plan: '改为两人远程指导',
      withdrawnAt: null,
    });
    expect(again.body.members.map((m: { expertId: string }) => m.expertId)).toEqual([members[4]]);
    expect(Date.parse(again.body.resubmittedAt)).toBeGreaterThan(Date.parse(withdrawn.withdrawnAt));
    const record = await CallApplication.findById(withdrawn.id).lean();
    expect(record?.earlier.map((e) => [e.plan, e.memberExpertIds.length])).toEqual([['单人远程指导', 0]]);
    expect(record?.earlier[0].withdrawnAt?.toISOString()).toBe(withdrawn.withdrawnAt);

    const live = await post(`/calls/${callId}/applications`, rival.auth, { plan: '第三次' });
    expect(live.status).toBe(409);
    expect(live.body.error.code).toBe('ALREADY_APPLIED');

    await post(`/calls/${callId}/applications/${withdrawn.id}/withdraw`, rival.auth);
    const raced = await Promise.all(
      ['第一份', '第二份'].map((plan) => post(`/calls/${callId}/applications`, rival.auth, { plan })),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await CallApplication.findById(withdrawn.id).lean())?.earlier).toHaveLength(2);
    const listed = await get(`/calls/${callId}/applications`, coordinator);
    const theirs = listed.body.items.filter(
      (a: { lead: { expertId: string } }) => a.lead.expertId === rival.expertId,
    );
    expect(theirs.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [withdrawn.id, 'submitted'],
    ]);
    // a lead who has paused since cannot send it again
    await post(`/calls/${callId}/applications/${withdrawn.id}/withdraw`, rival.auth);
    await Expert.updateOne({ _id: rival.expertId }, { $set: { 'availability.paused': true } });
    const paused = await post(`/calls/${callId}/applications`, rival.auth, { plan: '暂停后再报' });
    await Expert.updateOne({ _id: rival.expertId }, { $set: { 'availability.paused': false } });
    expect(paused.status).toBe(409);
    expect(paused.body.error.code).toBe('CALL_NOT_ELIGIBLE');
    expect((await CallApplication.findById(withdrawn.id).lean())?.status).toBe('withdrawn');
  });

  test('when another employer or an expert asks for the applications, then 404 and 403', async () => {
    expect((await get(`/calls/${callId}/applications`, other)).status).toBe(404);
    expect((await get(`/calls/${callId}/applications`, lead.auth)).status).toBe(403);
  });
});

describe('shortlisting and choosing', () => {
  test('when the office shortlists with the explained fit and the employer chooses, then the lead is offered the work and the others are told', async () => {
    const callId = await openCall({ title: '县域胸痛中心建设揭榜' });
    const chosen = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '建设胸痛中心的三步方案',
      memberContacts: [phones[4]],
    });
    const beaten = await post(`/calls/${callId}/applications`, rival.auth, { plan: '另一方案' });
    expect([chosen.status, beaten.status]).toEqual([201, 201]);

    // the employer sees nothing until the office shortlists
    expect((await get(`/calls/${callId}/applications`, employer)).body.items).toEqual([]);
    const listed = await get(`/calls/${callId}/applications`, coordinator);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    for (const item of listed.body.items) {
      expect(item.fit.excluded).toBe(false);
      expect(item.fit.score).toBeGreaterThan(0);
      const reasons = item.fit.contributions.map((c: { reason: { 'zh-CN': string } }) => c.reason['zh-CN']);
      expect(reasons.join('')).toMatch(/心/);
    }
    const scores = listed.body.items.map((i: { fit: { score: number } }) => i.fit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const shortlisted = await post(`/calls/${callId}/applications/${chosen.body.id}/shortlist`, coordinator);
    expect(shortlisted.status).toBe(200);
    expect(shortlisted.body.status).toBe('shortlisted');
    expect(
      (await post(`/calls/${callId}/applications/${chosen.body.id}/shortlist`, coordinator)).status,
    ).toBe(409);
    expect((await post(`/calls/${callId}/applications/${chosen.body.id}/shortlist`, employer)).status).toBe(
      403,
    );
    const seen = await get(`/calls/${callId}/applications`, employer);
    expect(seen.body.items.map((a: { id: string }) => a.id)).toEqual([chosen.body.id]);
    expect(seen.body.items[0]).not.toHaveProperty('fit');

    // an open call is closed before it is awarded; the unshortlisted application cannot be chosen
    expect((await post(`/calls/${callId}/applications/${chosen.body.id}/choose`, employer)).status).toBe(409);
    expect((await post(`/calls/${callId}/close`, employer)).body).toMatchObject({
      status: 'closed',
      closedBy: 'employer',
    });
    const notShort = await post(`/calls/${callId}/applications/${beaten.body.id}/choose`, employer);
    expect(notShort.body.error.code).toBe('NOT_SHORTLISTED');
    expect((await post(`/calls/${callId}/applications/${chosen.body.id}/choose`, other)).status).toBe(404);

    const award = await post(`/calls/${callId}/applications/${chosen.body.id}/choose`, employer);
    expect(award.status).toBe(200);
    expect(award.body.call).toMatchObject({
      status: 'awarded',
      needId: award.body.needId,
      matchId: award.body.matchId,
    });
    expect(award.body.matchStatus).toBe('offered');

    const need = await Need.findById(award.body.needId).lean();
    expect(need).toMatchObject({ status: 'matching', expertsWanted: 1, title: '县域胸痛中心建设揭榜' });
    expect(String(need?.callId)).toBe(callId);
    const match = await Match.findById(award.body.matchId).lean();
    expect(match).toMatchObject({ status: 'offered' });
    expect(String(match?.expertId)).toBe(lead.expertId);
    expect(match?.offerExpiresAt).toBeInstanceOf(Date);
    expect(match?.history.map((h) => h.to)).toEqual(['proposed', 'confirmed', 'offered']);

    const offer = await OutboxEmail.findOne({ kind: 'offer', 'related.id': award.body.matchId }).lean();
    expect(offer?.to).toBe(lead.email.toLowerCase());
    const told = await OutboxEmail.find({ kind: 'call-awarded-other', 'related.id': beaten.body.id }).lean();
    expect(told.map((m) => [m.to, m.language])).toEqual([[rival.email.toLowerCase(), 'en']]);
    expect(
      await OutboxEmail.countDocuments({ kind: 'call-awarded-other', 'related.id': chosen.body.id }),
    ).toBe(0);

    const mine = await get('/experts/me/call-applications', rival.auth);
    expect(mine.body.items.find((a: { id: string }) => a.id === beaten.body.id).status).toBe('not_chosen');
    expect((await post(`/calls/${callId}/applications/${chosen.body.id}/choose`, employer)).status).toBe(409);
  });
});

describe('cancelling', () => {
  test('when the employer cancels a call, then each expert of a submitted or shortlisted application is emailed in their language, once, and phone-only or withdrawn ones are not', async () => {
    const title = '乡镇心电网络建设揭榜';
    const callId = await openCall({ title });
    const phoneOnly = '13900000031';
    const [, leaving] = await Promise.all([
      createExpertAs(t.app, coordinator, { name: '只留电话', email: undefined, phone: phoneOnly }),
      expertWithAccount({ name: '撤回者' }),
    ]);
    const team = await post(`/calls/${callId}/applications`, lead.auth, {
      plan: '组队建设乡镇心电网络',
      memberContacts: [phones[0], phoneOnly],
    });
    const solo = await post(`/calls/${callId}/applications`, rival.auth, { plan: '单人远程指导' });
    const gone = await post(`/calls/${callId}/applications`, leaving.auth, { plan: '后来撤回' });
    expect([team.status, solo.status, gone.status]).toEqual([201, 201, 201]);
    await post(`/calls/${callId}/applications/${solo.body.id}/shortlist`, coordinator);
    await post(`/calls/${callId}/applications/${gone.body.id}/withdraw`, leaving.auth);

    const res = await post(`/calls/${callId}/cancel`, employer);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const told = await OutboxEmail.find({ kind: 'call-cancelled-applicant', 'data.callTitle': title }).lean();
    const byAddress = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    const member = await Expert.findById(members[0]).lean();
    const expected = [
      [lead.email.toLowerCase(), 'zh-CN', true, team.body.id],
      [String(member?.email), 'zh-CN', false, team.body.id],
      [rival.email.toLowerCase(), 'en', true, solo.body.id],
    ].sort(byAddress);
    const sent = told.map((m) => [m.to, m.language, m.data.lead, m.related?.id]).sort(byAddress);
    expect(sent).toEqual(expected);

    expect((await post(`/calls/${callId}/cancel`, employer)).status).toBe(409);
    expect(
      await OutboxEmail.countDocuments({ kind: 'call-cancelled-applicant', 'data.callTitle': title }),
    ).toBe(3);
  });
});

describe('deadlines', () => {
  /** Moves an open call's deadline into the past, as if its last day had ended. */
  const pastDeadline = (id: string) =>
    Call.updateOne({ _id: id }, { $set: { applyBy: inDays(-1), closesAt: new Date(Date.now() - 1000) } });

  test('when the close job of a call past its deadline runs (twice), then the call is closed once and takes no more applications', async () => {
    const id = await openCall({ title: '到期关闭揭榜' });
    const closesAt = new Date(Date.now() - 1000);
    await pastDeadline(id);
    await scheduleCallClose(t.ctx, { callId: id, closesAt });
    const job = (await t.ctx.queues
      .get(CALL_DEADLINES_QUEUE)
      .getJob(`call-close-${id}-${closesAt.getTime()}`)) as Job<unknown>;
    expect(await processCallDeadlineJob(t.ctx, job)).toBe('closed');
    expect(await processCallDeadlineJob(t.ctx, job)).toBe('not open or not due');
    const res = await get(`/calls/${id}`, employer);
    expect(res.body).toMatchObject({ status: 'closed', closedBy: 'deadline' });
    const late = await post(`/calls/${id}/applications`, lead.auth, { plan: '晚了' });
    expect(late.status).toBe(404);
  });

  test('when a close job runs before the deadline, then the call stays open', async () => {
    const id = await openCall({ title: '未到期揭榜' });
    const job = { data: { kind: 'close', callId: id } } as Job<unknown>;
    expect(await processCallDeadlineJob(t.ctx, job)).toBe('not open or not due');
    expect((await get(`/calls/${id}`, employer)).body.status).toBe('open');
  });

  test('when the worker starts, then calls past their deadline are closed and the others’ closes are scheduled', async () => {
    const past = await openCall({ title: '停机期间到期' });
    const future = await openCall({ title: '仍在征集' });
    await pastDeadline(past);
    const queue = t.ctx.queues.get(CALL_DEADLINES_QUEUE);
    const futureClose = (await Call.findById(future).lean())?.closesAt as Date;
    await queue.remove(`call-close-${future}-${futureClose.getTime()}`);
    const started = await startCallDeadlines(t.ctx);
    expect(typeof started.processor).toBe('function');
    expect((await get(`/calls/${past}`, employer)).body).toMatchObject({
      status: 'closed',
      closedBy: 'deadline',
    });
    expect((await get(`/calls/${future}`, employer)).body.status).toBe('open');
    expect(await queue.getJob(`call-close-${future}-${futureClose.getTime()}`)).toBeDefined();
  });
});
