import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Actor } from '../../src/lib/actor';
import { createUser } from '../../src/modules/accounts/users.service';
import { ApartmentStay, RoomNight } from '../../src/modules/apartments/apartment.model';
import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';
import { forgetExpertStays } from '../../src/modules/apartments/stays.service';
import { LiaisonAssignment, LiaisonContact } from '../../src/modules/liaisons/liaison.model';
import { forgetExpertLiaison } from '../../src/modules/liaisons/liaison.service';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { forgetExpertRequests } from '../../src/modules/services/service-requests.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import { type RegisteredExpert, registerEngagedExpert, tokenFor } from '../support/experts.factory';

/**
 * The rights of access and erasure over the data of the service desk, the talent apartments and the
 * liaisons: everything is created over HTTP by the staff who do it, then exported and deleted by the expert.
 */

let t: TestApp;
let coordinator: SignedIn;
let housing: SignedIn;
const day = (n: number) => addDays(chinaToday(), n);

beforeAll(async () => {
  t = await startTestApp();
  await seedCatalogue();
  coordinator = await staffUser(t.app, 'coordinator');
  const email = uniqueEmail('housing');
  const unit = await createUser({
    email,
    role: 'service_unit',
    unitCode: 'housing',
    displayName: '住房经办人',
  });
  housing = await tokenFor(String(unit._id), email);
  const phone = await request(t.app)
    .put('/api/v1/liaisons/profile')
    .set(coordinator.header)
    .send({ officePhone: '023-7922 1234' });
  expect(phone.status).toBe(200);
}, 60_000);
afterAll(() => t.close());

const api = () => request(t.app);

async function ok(res: request.Response, status = 200) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An expert with an open request, a rated finished one, a future stay and a stay under way (both with
 * a family member), and a liaison who recorded a visit. */
async function expertWithEverything(expert: RegisteredExpert) {
  const file = (facts: Record<string, unknown>, note: string) =>
    api()
      .post('/api/v1/service-requests')
      .set(expert.auth.header)
      .send({ serviceCode: 'talent-apartment', facts, note });
  const open = await ok(
    await file({ arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' }, '妻子行动不便'),
    201,
  );
  await ok(await api().post(`/api/v1/service-requests/${open.id}/accept`).set(housing.header).send());
  const done = await ok(
    await file({ arrivalDate: inDays(40), months: 3, occupants: 1, needsLift: 'no' }, '第二次'),
    201,
  );
  for (const action of ['accept', 'start', 'complete']) {
    await ok(await api().post(`/api/v1/service-requests/${done.id}/${action}`).set(housing.header).send());
  }
  await ok(
    await api()
      .post(`/api/v1/service-requests/${done.id}/rate`)
      .set(expert.auth.header)
      .send({ score: 5, comment: '房间离医院近，母亲看病方便' }),
  );

  const room = await ok(
    await api()
      .post('/api/v1/apartments/rooms')
      .set(coordinator.header)
      .send({ building: `测试楼-${randomBytes(3).toString('hex')}`, number: '101', floor: 1, beds: 3 }),
    201,
  );
  const book = (from: string, to: string) =>
    api()
      .post('/api/v1/apartments/stays')
      .set(coordinator.header)
      .send({
        roomId: room.id,
        expertId: expert.expertId,
        from,
        to,
        guests: [{ name: '王秀兰', relation: 'spouse' }],
      });
  const current = await ok(await book(day(0), day(2)), 201);
  await ok(
    await api().post(`/api/v1/apartments/stays/${current.id}/check-in`).set(coordinator.header).send(),
  );
  const future = await ok(await book(day(10), day(14)), 201);

  await ok(
    await api()
      .put(`/api/v1/liaisons/experts/${expert.expertId}`)
      .set(coordinator.header)
      .send({ liaisonId: coordinator.userId }),
  );
  await ok(
    await api()
      .post(`/api/v1/liaisons/experts/${expert.expertId}/contacts`)
      .set(coordinator.header)
      .send({ date: day(0), kind: 'visit', summary: '上门走访', notes: '老伴身体欠佳，想换一楼' }),
    201,
  );
  return { openId: open.id as string, doneId: done.id as string, currentId: current.id, futureId: future.id };
}

describe('service requests, apartment stays and liaison contacts in the personal-data rights', () => {
  test('when an expert exports, then their service requests, stays with family members, liaison and the contacts recorded about them are in it', async () => {
    const expert = await registerEngagedExpert(t.app);
    const ids = await expertWithEverything(expert);

    const res = await api().get('/api/v1/me/export').set(expert.auth.header);
    expect(res.status).toBe(200);
    expect(res.body.serviceRequests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: ids.openId,
          serviceCode: 'talent-apartment',
          status: 'accepted',
          note: '妻子行动不便',
          facts: { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' },
          submittedAt: expect.any(String),
          history: [
            expect.objectContaining({ to: 'submitted' }),
            expect.objectContaining({ from: 'submitted', to: 'accepted' }),
          ],
        }),
        expect.objectContaining({
          id: ids.doneId,
          status: 'done',
          rating: expect.objectContaining({ score: 5, comment: '房间离医院近，母亲看病方便' }),
        }),
      ]),
    );
    expect(res.body.serviceRequests).toHaveLength(2);
    expect(res.body.apartmentStays.map((s: { id: string }) => s.id).sort()).toEqual(
      [ids.currentId, ids.futureId].sort(),
    );
    expect(res.body.apartmentStays[0]).toMatchObject({
      status: 'booked',
      from: day(10),
      guests: [{ name: '王秀兰', relation: 'spouse' }],
    });
    expect(res.body.liaison).toEqual({ name: 'coordinator 测试', officePhone: '023-7922 1234' });
    expect(res.body.liaisonContacts).toEqual([
      expect.objectContaining({
        date: day(0),
        kind: 'visit',
        summary: '上门走访',
        notes: '老伴身体欠佳，想换一楼',
      }),
    ]);
    // Who at the office recorded or handled what is that person's data.
    const added = JSON.stringify([
      res.body.serviceRequests,
      res.body.apartmentStays,
      res.body.liaison,
      res.body.liaisonContacts,
    ]);
    expect(added).not.toContain(coordinator.userId);
    expect(added).not.toContain(housing.userId);
  });

  test('when an expert without any of it exports, then the keys are empty and the liaison is null', async () => {
    const expert = await registerEngagedExpert(t.app);
    const res = await api().get('/api/v1/me/export').set(expert.auth.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      serviceRequests: [],
      apartmentStays: [],
      liaison: null,
      liaisonContacts: [],
    });
  });

  test('when an expert deletes their data, then the open request is withdrawn with empty facts, the future stay is cancelled with its nights freed, no guest names remain and no contact remains', async () => {
    const expert = await registerEngagedExpert(t.app);
    const ids = await expertWithEverything(expert);

    const res = await api().delete('/api/v1/me').set(expert.auth.header);
    expect(res.status).toBe(200);

    const open = await ServiceRequest.findById(ids.openId).lean();
    expect(open).toMatchObject({ status: 'withdrawn', facts: {}, serviceCode: 'talent-apartment' });
    expect(open).not.toHaveProperty('note');
    expect(open?.submittedAt).toBeInstanceOf(Date);
    expect(open?.history.at(-1)).toMatchObject({
      from: 'accepted',
      to: 'withdrawn',
      byRole: 'expert',
      reason: 'expert deleted their data',
    });
    const done = await ServiceRequest.findById(ids.doneId).lean();
    expect(done).toMatchObject({ status: 'done', facts: {}, rating: { score: 5 } });
    expect(done?.doneAt).toBeInstanceOf(Date);
    expect(done?.rating).not.toHaveProperty('comment');
    expect(done).not.toHaveProperty('note');

    const future = await ApartmentStay.findById(ids.futureId).lean();
    expect(future).toMatchObject({ status: 'cancelled', guests: [], from: day(10), to: day(14) });
    expect(future?.history.at(-1)).toMatchObject({
      status: 'cancelled',
      reason: 'expert deleted their data',
    });
    expect(await RoomNight.countDocuments({ stayId: ids.futureId })).toBe(0);
    const current = await ApartmentStay.findById(ids.currentId).lean();
    expect(current).toMatchObject({ status: 'checked_in', guests: [] });
    expect(await RoomNight.countDocuments({ stayId: ids.currentId })).toBe(2);
    expect(JSON.stringify(await ApartmentStay.find({ expertId: expert.expertId }).lean())).not.toContain(
      '王秀兰',
    );

    expect(await LiaisonContact.countDocuments({ expertId: expert.expertId })).toBe(0);
    expect(await LiaisonAssignment.countDocuments({ expertId: expert.expertId })).toBe(0);
    const contacts = await api()
      .get(`/api/v1/liaisons/experts/${expert.expertId}/contacts`)
      .set(coordinator.header);
    expect(contacts.status === 404 || (contacts.status === 200 && contacts.body.items.length === 0)).toBe(
      true,
    );
  });

  test('when the erasure runs again, then nothing changes and nothing fails', async () => {
    const expert = await registerEngagedExpert(t.app);
    const ids = await expertWithEverything(expert);
    expect((await api().delete('/api/v1/me').set(expert.auth.header)).status).toBe(200);
    const before = await Promise.all([
      ServiceRequest.findById(ids.openId).lean(),
      ApartmentStay.findById(ids.futureId).lean(),
    ]);
    const actor: Actor = { userId: expert.userId, role: 'expert', expertId: expert.expertId, via: 'token' };
    await expect(forgetExpertRequests(actor, expert.expertId)).resolves.toEqual({ withdrawn: 0 });
    await expect(forgetExpertStays(actor, expert.expertId)).resolves.toEqual({ cancelled: 0 });
    await expect(forgetExpertLiaison(expert.expertId)).resolves.toEqual({ contactsDeleted: 0 });
    const after = await Promise.all([
      ServiceRequest.findById(ids.openId).lean(),
      ApartmentStay.findById(ids.futureId).lean(),
    ]);
    expect(after).toEqual(before);
  });
});
