import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { createTemplateRenderer } from '../../src/modules/email/template-renderer';
import { Expert } from '../../src/modules/experts/expert.model';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs, type RegisteredExpert, registerExpert } from '../support/experts.factory';

let t: TestApp;
let coordinator: SignedIn;
let expert: RegisteredExpert;
let english: RegisteredExpert;
const day = (n: number) => addDays(chinaToday(), n);
const renderer = createTemplateRenderer();

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
  expert = await registerExpert(t.app);
  english = await registerExpert(t.app, { name: 'Anna Li', preferredLanguage: 'en' });
}, 60_000);
afterAll(() => t.close());

const api = () => request(t.app);

async function createRoom() {
  const res = await api()
    .post('/api/v1/apartments/rooms')
    .set(coordinator.header)
    .send({ building: `公寓-${randomBytes(3).toString('hex')}`, number: '302', floor: 3, beds: 2 });
  expect(res.status).toBe(201);
  return res.body as { id: string; building: string };
}

const book = (roomId: string, expertId: string, from: string, to: string, extra = {}) =>
  api()
    .post('/api/v1/apartments/stays')
    .set(coordinator.header)
    .send({ roomId, expertId, from, to, ...extra });
const cancel = (id: string, reason: string) =>
  api().post(`/api/v1/apartments/stays/${id}/cancel`).set(coordinator.header).send({ reason });
const moveEnd = (id: string, to: string) =>
  api().patch(`/api/v1/apartments/stays/${id}`).set(coordinator.header).send({ to });

const emailsAbout = (stayId: string) =>
  OutboxEmail.find({ 'related.type': 'apartment-stay', 'related.id': stayId }).sort({ _id: 1 }).lean();
const stayEmailCount = () => OutboxEmail.countDocuments({ kind: /^apartment-stay-/ });

describe('emails about apartment stays', () => {
  test('when a coordinator books a room, then the expert is emailed in Chinese: room, dates, nights, family, the desk’s phone and a link to their page', async () => {
    const room = await createRoom();
    const res = await book(room.id, expert.expertId, day(3), day(6), {
      guests: [{ name: '王秀兰', relation: 'spouse' }],
    });
    expect(res.status).toBe(201);
    const [email, ...others] = await emailsAbout(res.body.id);
    expect(others).toHaveLength(0);
    expect(email).toMatchObject({
      kind: 'apartment-stay-booked',
      to: expert.email.toLowerCase(),
      language: 'zh-CN',
      status: 'pending',
    });
    expect(email.data).toMatchObject({
      stayId: res.body.id,
      building: room.building,
      room: '302',
      nights: 3,
      guests: 1,
      desk: { phone: '023-79220202' },
    });
    expect(email.data.from).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日星期./);
    expect(email.data.stayUrl).toMatch(/\/expert\/apartment$/);
    // the family member's name is not needed in the message, so it is not kept in the outbox
    expect(JSON.stringify(email.data)).not.toContain('王秀兰');
    const text = renderer.render('apartment-stay-booked', 'zh-CN', email.data).text;
    expect(text).toContain(room.building);
    expect(text).toContain('共 3 晚');
    expect(text).toContain('同住家人：1 位');
  });

  test('when the expert prefers English, then the booking email is in English, dates written out in English', async () => {
    const room = await createRoom();
    const res = await book(room.id, english.expertId, day(4), day(5));
    expect(res.status).toBe(201);
    const [email] = await emailsAbout(res.body.id);
    expect(email).toMatchObject({ kind: 'apartment-stay-booked', language: 'en', toName: 'Anna Li' });
    expect(email.data).toMatchObject({ nights: 1, guests: 0 });
    expect(email.data.from).toMatch(/^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, /);
    const rendered = renderer.render('apartment-stay-booked', 'en', email.data);
    expect(rendered.subject).toBe('Your room in the talent apartments is booked');
    expect(rendered.text).toContain('Family members staying with you: none');
  });

  test('when a booking is cancelled, then the expert is emailed the reason', async () => {
    const room = await createRoom();
    const { id } = (await book(room.id, expert.expertId, day(8), day(10))).body;
    expect((await cancel(id, '房间需要维修')).status).toBe(200);
    const emails = await emailsAbout(id);
    expect(emails.map((e) => e.kind)).toEqual(['apartment-stay-booked', 'apartment-stay-cancelled']);
    expect(emails[1].data).toMatchObject({ reason: '房间需要维修', nights: 2 });
    expect(renderer.render('apartment-stay-cancelled', 'zh-CN', emails[1].data).text).toContain(
      '原因：房间需要维修',
    );
    // a second cancel is a 409: nothing more is sent
    expect((await cancel(id, '再次取消')).status).toBe(409);
    expect(await emailsAbout(id)).toHaveLength(2);
  });

  test('when the day of leaving moves, then the expert is emailed the new dates; a move refused or to the same day sends nothing', async () => {
    const room = await createRoom();
    const { id } = (await book(room.id, english.expertId, day(10), day(14))).body;
    expect((await book(room.id, expert.expertId, day(16), day(18))).status).toBe(201);

    const longer = await moveEnd(id, day(16));
    expect(longer.status).toBe(200);
    const changed = (await emailsAbout(id)).filter((e) => e.kind === 'apartment-stay-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ language: 'en' });
    expect(changed[0].data).toMatchObject({ nights: 6 });
    const text = renderer.render('apartment-stay-changed', 'en', changed[0].data).text;
    expect(text).toContain(`New day of leaving: ${changed[0].data.to}`);
    expect(text).toContain(`Old day of leaving: ${changed[0].data.previousTo}`);
    expect(changed[0].data.to).not.toBe(changed[0].data.previousTo);

    const taken = await moveEnd(id, day(17));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ROOM_TAKEN');
    expect((await moveEnd(id, day(16))).status).toBe(200);
    expect(await emailsAbout(id)).toHaveLength(2);
  });

  test('when a booking fails because the room is taken, then no email is written', async () => {
    const room = await createRoom();
    expect((await book(room.id, expert.expertId, day(20), day(25))).status).toBe(201);
    const before = await stayEmailCount();
    const res = await book(room.id, english.expertId, day(22), day(23));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ROOM_TAKEN');
    expect(await stayEmailCount()).toBe(before);
  });

  test('when the expert has no email address on file, then booking and cancelling still work and nothing is sent', async () => {
    const expertId = await createExpertAs(t.app, coordinator);
    await Expert.updateOne({ _id: expertId }, { $unset: { email: 1 } });
    const room = await createRoom();
    const before = await stayEmailCount();
    const booked = await book(room.id, expertId, day(30), day(32));
    expect(booked.status).toBe(201);
    expect((await moveEnd(booked.body.id, day(31))).status).toBe(200);
    expect((await cancel(booked.body.id, '行程改期')).status).toBe(200);
    expect(await stayEmailCount()).toBe(before);
  });

  test('when the desk cancels a booking on its page, then the expert is emailed the reason', async () => {
    const room = await createRoom();
    const { id } = (await book(room.id, expert.expertId, day(40), day(41))).body;
    const desk = await pageAgent(t.app, coordinator.email);
    const res = await desk.agent
      .post(`/coordinator/apartments/stays/${id}/cancel`)
      .type('form')
      .send({ reason: '专家改期', _csrf: desk.csrfToken });
    expect(res.status).toBe(303);
    const cancelled = (await emailsAbout(id)).find((e) => e.kind === 'apartment-stay-cancelled');
    expect(cancelled?.data).toMatchObject({ reason: '专家改期' });
  });
});
