import request from 'supertest';
import { ApartmentStay } from '../../src/modules/apartments/apartment.model';
import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { type RegisteredExpert, registerExpert } from '../support/experts.factory';

let t: TestApp;
let coordinator: SignedIn;
let expert: RegisteredExpert;
let coord: Awaited<ReturnType<typeof pageAgent>>;
const day = (n: number) => addDays(chinaToday(), n);

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
  coord = await pageAgent(t.app, coordinator.email);
  expert = await registerExpert(t.app);
}, 60_000);
afterAll(() => t.close());

const post = (path: string, form: Record<string, string | string[]>) =>
  coord.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: coord.csrfToken });

describe('the apartments pages', () => {
  test('when a coordinator adds a room and books it by the expert’s email, then the desk lists the stay and the expert’s page shows it', async () => {
    const badRoom = await post('/coordinator/apartments/rooms', {
      building: '',
      number: '1',
      floor: '1',
      beds: 'x',
    });
    expect(badRoom.status).toBe(400);
    expect(badRoom.text).toContain('id="f-building"');
    expect(badRoom.text).toContain('aria-invalid="true"');

    const added = await post('/coordinator/apartments/rooms', {
      building: '页面测试楼',
      number: '808',
      floor: '8',
      beds: '2',
      features: ['lift', 'kitchen'],
      active: 'true',
    });
    expect(added.status).toBe(303);
    const rooms = await coord.agent.get('/coordinator/apartments/rooms');
    expect(rooms.text).toContain('808');
    expect(rooms.text).toContain('有电梯');
    const desk = await coord.agent.get('/coordinator/apartments');
    const roomId = /<option value="([a-f0-9]{24})">页面测试楼 808/.exec(desk.text)?.[1] as string;
    expect(roomId).toBeDefined();

    const wrong = await post('/coordinator/apartments/stays', {
      roomId,
      expert: 'nobody@example.com',
      'stay.from': day(3),
      'stay.to': day(1),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('找不到这位专家');
    expect(wrong.text).toMatch(/id="f-stay-to"[^>]*aria-invalid="true"|f-stay-to-error/);
    expect(await ApartmentStay.countDocuments()).toBe(0);

    const booked = await post('/coordinator/apartments/stays', {
      roomId,
      expert: expert.email,
      'stay.from': day(2),
      'stay.to': day(5),
      'guests.0.name': '张桂芳',
      'guests.0.relation': 'spouse',
    });
    expect(booked.status).toBe(303);
    const taken = await post('/coordinator/apartments/stays', {
      roomId,
      expert: expert.email,
      'stay.from': day(4),
      'stay.to': day(6),
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('已有预订');

    const listed = await coord.agent.get('/coordinator/apartments');
    expect(listed.text).toContain(`${day(2)} – ${day(5)}`);

    const mine = await request(t.app).get('/expert/apartment');
    expect(mine.status).toBe(303);
    const expertAgent = await pageAgent(t.app, expert.email);
    const home = await expertAgent.agent.get('/expert');
    expect(home.text).toContain('href="/expert/apartment"');
    const page = await expertAgent.agent.get('/expert/apartment');
    expect(page.status).toBe(200);
    expect(page.text).toContain('页面测试楼 808');
    expect(page.text).toContain('共 3 晚');
    expect(page.text).toContain('张桂芳');
  });

  test('when an expert opens the desk, then 403', async () => {
    const expertAgent = await pageAgent(t.app, expert.email);
    const res = await expertAgent.agent.get('/coordinator/apartments');
    expect(res.status).toBe(403);
  });
});
