import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Match } from '../../src/modules/matches/match.model';
import { expireOverdueOffers, remindDueOffers } from '../../src/modules/matches/offer-sweep.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const DAY = 86_400_000;

test('when the delayed jobs are lost (no worker ran them), then the sweep sends the reminder once and expires the offer after its deadline', async () => {
  const employer = await registerEmployer(t.app, { verified: true });
  const expertId = await createExpertAs(t.app, coordinator, {
    fields: ['agriculture'],
    skills: ['agriculture.tea.processing'],
    title: { level: 'full_senior', series: 'agriculture' },
    modes: ['periodic'],
  });
  const need = await createOpenNeed(t.app, employer.header, { employerApproval: false });
  await rankNeed(t.ctx, need.id);
  const proposed = await request(t.app)
    .post(`/api/v1/needs/${need.id}/matches`)
    .set(coordinator.header)
    .send({ expertId });
  await request(t.app).post(`/api/v1/matches/${proposed.body.id}/confirm`).set(coordinator.header);
  const related = { 'related.id': proposed.body.id };

  expect(await remindDueOffers(t.ctx, new Date(Date.now() + DAY))).toBe(0); // not due yet (7 days, 2 before)
  expect(await remindDueOffers(t.ctx, new Date(Date.now() + 6 * DAY))).toBe(1);
  expect(await remindDueOffers(t.ctx, new Date(Date.now() + 6 * DAY))).toBe(0);
  expect(await OutboxEmail.countDocuments({ ...related, kind: 'offer-reminder' })).toBe(1);

  expect(await expireOverdueOffers(t.ctx, new Date(Date.now() + 6 * DAY))).toBe(0);
  expect(await expireOverdueOffers(t.ctx, new Date(Date.now() + 9 * DAY))).toBe(1);
  const match = await Match.findById(proposed.body.id).lean();
  expect(match?.status).toBe('expired');
  expect(await OutboxEmail.countDocuments({ ...related, kind: 'offer-expired-coordinator' })).toBe(1);
});
