import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ApartmentStay, RoomNight } from '../../src/modules/apartments/apartment.model';
import { addDays, chinaToday, isoWeek, mondayOf } from '../../src/modules/apartments/stay-dates';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs, type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let expert: RegisteredExpert;
let otherExpert: RegisteredExpert;
let employer: SignedIn;
const today = chinaToday();
const day = (n: number) => addDays(today, n);

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
  expert = await registerExpert(t.app);
  otherExpert = await registerExpert(t.app);
  employer = await employerUser();
}, 60_000);
afterAll(() => t.close());

const api = () => request(t.app);
const building = () => `测试楼-${randomBytes(3).toString('hex')}`;

async function createRoom(overrides: Record<string, unknown> = {}) {
  const res = await api()
    .post('/api/v1/apartments/rooms')
    .set(coordinator.header)
    .send({ building: building(), number: '101', floor: 1, beds: 2, features: ['lift'], ...overrides });
  expect(res.status).toBe(201);
  return res.body as { id: string; building: string };
}

const book = (body: Record<string, unknown>, auth: SignedIn = coordinator) =>
  api().post('/api/v1/apartments/stays').set(auth.header).send(body);

const stayBody = (roomId: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  roomId,
  expertId: expert.expertId,
  from,
  to,
  ...extra,
});

describe('booking a room', () => {
  test('when a coordinator books a room for an expert and a family member, then the stay holds its nights, is audited, and the expert sees it', async () => {
    const room = await createRoom();
    const res = await book(
      stayBody(room.id, day(3), day(6), { guests: [{ name: '王秀兰', relation: 'spouse' }] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'booked', nights: 3, from: day(3), to: day(6) });
    expect(res.body.room).toMatchObject({ id: room.id, building: room.building, features: ['lift'] });
    expect(await RoomNight.countDocuments({ stayId: res.body.id })).toBe(3);
    const audit = await AuditEntry.findOne({ action: 'apartment-stay.book', targetId: res.body.id }).lean();
    expect(audit?.details).toMatchObject({ roomId: room.id, from: day(3), to: day(6), guests: 1 });
    expect(JSON.stringify(audit?.details)).not.toContain('王秀兰');

    const mine = await api().get('/api/v1/apartments/stays/mine').set(expert.auth.header);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(res.body.id);
    const one = await api().get(`/api/v1/apartments/stays/${res.body.id}`).set(expert.auth.header);
    expect(one.status).toBe(200);
    expect(one.body.guests).toEqual([{ name: '王秀兰', relation: 'spouse' }]);
  });

  test('when 20 bookings race for the same nights, then exactly one succeeds and the rest get 409 ROOM_TAKEN', async () => {
    const room = await createRoom();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => book(stayBody(room.id, day(10), day(14)))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('ROOM_TAKEN');
    expect(await ApartmentStay.countDocuments({ roomId: room.id })).toBe(1);
    expect(await RoomNight.countDocuments({ roomId: room.id })).toBe(4);
  });

  test('when 20 bookings of overlapping but different ranges race, then one per overlapping group succeeds and back-to-back stays both do', async () => {
    const room = await createRoom();
    // Group A: every range holds night +20; group B: every range holds night +40; A and B never meet.
    const ranges = Array.from({ length: 10 }, (_, k) => [
      [day(15 + (k % 5)), day(21 + (k % 4))],
      [day(35 + (k % 5)), day(41 + (k % 3))],
    ]).flat();
    const results = await Promise.all(ranges.map(([from, to]) => book(stayBody(room.id, from, to))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(18);
    const nights = await RoomNight.find({ roomId: room.id }).lean();
    expect(new Set(nights.map((n) => n.night)).size).toBe(nights.length);
    const stays = await ApartmentStay.find({ roomId: room.id }).lean();
    expect(nights).toHaveLength(
      stays.reduce((sum, s) => sum + (Date.parse(s.to) - Date.parse(s.from)) / 86_400_000, 0),
    );

    const backToBack = await Promise.all([
      book(stayBody(room.id, day(60), day(63))),
      book(stayBody(room.id, day(63), day(65))),
    ]);
    expect(backToBack.map((r) => r.status)).toEqual([201, 201]);
  });

  test('when a booking overlaps a stay, then it is refused; when that stay is cancelled or shortened, then its nights can be booked', async () => {
    const room = await createRoom();
    const first = await book(stayBody(room.id, day(5), day(12)));
    expect(first.status).toBe(201);
    const overlap = await book(stayBody(room.id, day(11), day(13)));
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('ROOM_TAKEN');

    const shorter = await api()
      .patch(`/api/v1/apartments/stays/${first.body.id}`)
      .set(coordinator.header)
      .send({ to: day(9) });
    expect(shorter.status).toBe(200);
    expect(shorter.body).toMatchObject({ to: day(9), nights: 4, bookedTo: day(12) });
    const after = await book(stayBody(room.id, day(9), day(13)));
    expect(after.status).toBe(201);
    const longer = await api()
      .patch(`/api/v1/apartments/stays/${first.body.id}`)
      .set(coordinator.header)
      .send({ to: day(10) });
    expect(longer.status).toBe(409);
    expect(longer.body.error.code).toBe('ROOM_TAKEN');

    const cancel = await api()
      .post(`/api/v1/apartments/stays/${after.body.id}/cancel`)
      .set(coordinator.header)
      .send({ reason: '行程改期' });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: '行程改期' });
    expect(await RoomNight.countDocuments({ stayId: after.body.id })).toBe(0);
    expect((await book(stayBody(room.id, day(9), day(11)))).status).toBe(201);
    expect(
      await AuditEntry.countDocuments({ action: 'apartment-stay.cancel', targetId: after.body.id }),
    ).toBe(1);
  });

  test('when an inactive room is booked, then 409 ROOM_INACTIVE', async () => {
    const room = await createRoom();
    const off = await api()
      .patch(`/api/v1/apartments/rooms/${room.id}`)
      .set(coordinator.header)
      .send({ active: false });
    expect(off.status).toBe(200);
    const res = await book(stayBody(room.id, day(1), day(2)));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ROOM_INACTIVE');
  });
});

describe('check-in, check-out and cancel', () => {
  test('when a stay is checked in and out early, then each step is audited, wrong steps are 409, and the freed nights can be booked', async () => {
    const room = await createRoom();
    const stay = await book(stayBody(room.id, today, day(4)));
    const id = stay.body.id;
    const step = (name: string) =>
      api().post(`/api/v1/apartments/stays/${id}/${name}`).set(coordinator.header);

    expect((await step('check-out')).status).toBe(409);
    const inRes = await step('check-in');
    expect(inRes.status).toBe(200);
    expect(inRes.body.status).toBe('checked_in');
    const again = await step('check-in');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
    const cancel = await api()
      .post(`/api/v1/apartments/stays/${id}/cancel`)
      .set(coordinator.header)
      .send({ reason: '不能取消已入住' });
    expect(cancel.status).toBe(409);

    const out = await step('check-out');
    expect(out.status).toBe(200);
    // checked out on the first day: the first night is kept, the rest are free
    expect(out.body).toMatchObject({ status: 'checked_out', to: day(1), bookedTo: day(4), nights: 1 });
    expect((await book(stayBody(room.id, day(1), day(4)))).status).toBe(201);
    const actions = await AuditEntry.find({ targetId: id }).distinct('action');
    expect(actions.sort()).toEqual([
      'apartment-stay.book',
      'apartment-stay.check-in',
      'apartment-stay.check-out',
    ]);
  });

  test('when a stay that begins later is checked in, then 409 STAY_NOT_STARTED; an unknown stay is 404', async () => {
    const room = await createRoom();
    const stay = await book(stayBody(room.id, day(2), day(4)));
    const res = await api().post(`/api/v1/apartments/stays/${stay.body.id}/check-in`).set(coordinator.header);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('STAY_NOT_STARTED');
    const unknown = await api()
      .post('/api/v1/apartments/stays/665f1c2e8b3e4a0012345678/check-in')
      .set(coordinator.header);
    expect(unknown.status).toBe(404);
  });
});

describe('occupancy by week', () => {
  test('when rooms of a building hold stays, then the week shows nights booked over nights available, cancelled stays not counted, also as CSV', async () => {
    const name = building();
    const a = await createRoom({ building: name, number: '201' });
    const b = await createRoom({ building: name, number: '202' });
    await createRoom({ building: name, number: '203', active: false });
    const monday = addDays(mondayOf(today), 14);
    expect((await book(stayBody(a.id, monday, addDays(monday, 7)))).status).toBe(201);
    expect((await book(stayBody(b.id, addDays(monday, 2), addDays(monday, 4)))).status).toBe(201);
    // spills into the next week: 2 nights in this one
    expect((await book(stayBody(b.id, addDays(monday, 5), addDays(monday, 9)))).status).toBe(201);
    const gone = await book(stayBody(b.id, addDays(monday, 4), addDays(monday, 5)));
    await api()
      .post(`/api/v1/apartments/stays/${gone.body.id}/cancel`)
      .set(coordinator.header)
      .send({ reason: '取消' });

    const res = await api()
      .get('/api/v1/apartments/occupancy')
      .query({ from: addDays(monday, 3), weeks: 2 })
      .set(coordinator.header);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe(monday);
    const rows = res.body.items.filter((r: { building: string }) => r.building === name);
    expect(rows).toEqual([
      {
        week: isoWeek(monday),
        weekStart: monday,
        building: name,
        rooms: 2,
        nightsAvailable: 14,
        nightsBooked: 11,
        occupancy: 0.786,
      },
      {
        week: isoWeek(addDays(monday, 7)),
        weekStart: addDays(monday, 7),
        building: name,
        rooms: 2,
        nightsAvailable: 14,
        nightsBooked: 2,
        occupancy: 0.143,
      },
    ]);

    const agent = request.agent(t.app);
    const login = await agent
      .post('/api/v1/auth/login')
      .send({ email: coordinator.email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const page = await agent.get('/coordinator/apartments/occupancy').query({ from: monday, weeks: 1 });
    expect(page.status).toBe(200);
    expect(page.text).toContain(name);
    expect(page.text).toContain('79%');
    const csv = await agent.get('/coordinator/apartments/occupancy.csv').query({ from: monday, weeks: 1 });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(`"${isoWeek(monday)}","${monday}","${name}","2","14","11","0.786"`);
  });
});

describe('who may see what', () => {
  test('when another expert asks for a stay, then 404; their own list holds only theirs', async () => {
    const room = await createRoom();
    const stay = await book(stayBody(room.id, day(20), day(22)));
    const other = await api().get(`/api/v1/apartments/stays/${stay.body.id}`).set(otherExpert.auth.header);
    expect(other.status).toBe(404);
    const mine = await api().get('/api/v1/apartments/stays/mine').set(otherExpert.auth.header);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
    const page = await api().get('/api/v1/apartments/stays').set(expert.auth.header);
    expect(page.status).toBe(403);
    expect((await book(stayBody(room.id, day(30), day(31)), expert.auth)).status).toBe(403);
  });

  test('when an employer asks, then every apartment route is 403', async () => {
    const room = await createRoom();
    const stay = await book(stayBody(room.id, day(25), day(26)));
    for (const path of ['/stays/mine', `/stays/${stay.body.id}`, '/stays', '/rooms', '/occupancy']) {
      const res = await api().get(`/api/v1/apartments${path}`).set(employer.header);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect((await book(stayBody(room.id, day(30), day(31)), employer)).status).toBe(403);
  });
});

describe('bad input', () => {
  test.each([
    ['to before from', (r: string) => stayBody(r, day(5), day(3)), 'body.to'],
    ['to equal to from', (r: string) => stayBody(r, day(5), day(5)), 'body.to'],
    ['a first night in the past', (r: string) => stayBody(r, day(-1), day(3)), 'body.from'],
    ['an unknown room', () => stayBody('665f1c2e8b3e4a0012345678', day(5), day(6)), 'body.roomId'],
    [
      'an unknown expert',
      (r: string) => ({ ...stayBody(r, day(5), day(6)), expertId: '665f1c2e8b3e4a0012345679' }),
      'body.expertId',
    ],
    ['not a date', (r: string) => stayBody(r, '2026-13-01', day(6)), 'body.from'],
    [
      'more people than beds',
      (r: string) =>
        stayBody(r, day(5), day(6), {
          guests: [
            { name: '王一', relation: 'spouse' },
            { name: '王二', relation: 'grandchild' },
          ],
        }),
      'body.guests',
    ],
    ['an unknown key', (r: string) => ({ ...stayBody(r, day(5), day(6)), status: 'checked_in' }), 'body'],
  ])('when a booking has %s, then 400 names the field and nothing is stored', async (_label, body, path) => {
    const room = await createRoom();
    const before = await ApartmentStay.countDocuments();
    const res = await book(body(room.id));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path }));
    expect(await ApartmentStay.countDocuments()).toBe(before);
    expect(await RoomNight.countDocuments({ roomId: room.id })).toBe(0);
  });

  test('when a room is added twice or with bad numbers, then 409 / 400 naming the field', async () => {
    const room = await createRoom();
    const twice = await api()
      .post('/api/v1/apartments/rooms')
      .set(coordinator.header)
      .send({ building: room.building, number: '101', floor: 1, beds: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ROOM_EXISTS');
    const bad = await api()
      .post('/api/v1/apartments/rooms')
      .set(coordinator.header)
      .send({ building: building(), number: '1', floor: 1, beds: 0, features: ['sauna'] });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.beds', 'body.features.0']));
  });
});

test('when an expert registered by a coordinator is booked, then the booking succeeds', async () => {
  const expertId = await createExpertAs(t.app, coordinator);
  const room = await createRoom();
  expect((await book({ ...stayBody(room.id, day(1), day(2)), expertId })).status).toBe(201);
});
