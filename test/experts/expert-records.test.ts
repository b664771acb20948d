import {
  adjustExpertCounters,
  findMatchableExperts,
  getExpertRecord,
} from '../../src/modules/experts/expert-records.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';

let t: TestApp;
let coord: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

describe('services for the workflow and matching', () => {
  test('when counters are adjusted, then they add up, and a decrement below zero changes nothing', async () => {
    const id = await createExpertAs(t.app, coord);
    expect(await adjustExpertCounters(id, { pendingOffers: 1 })).toBe(true);
    expect(await adjustExpertCounters(id, { pendingOffers: -1, activeEngagements: 1 })).toBe(true);
    expect(await adjustExpertCounters(id, { pendingOffers: -1 })).toBe(false);
    expect(await getExpertRecord(id)).toMatchObject({ pendingOffers: 0, activeEngagements: 1 });
  });

  test('when matchable experts are loaded, then paused ones are left out and codes match anything below them', async () => {
    const heart = await createExpertAs(t.app, coord, { fields: ['health'], skills: ['health.cardiology'] });
    const paused = await createExpertAs(t.app, coord, { availability: { paused: true } });
    const tea = await createExpertAs(t.app, coord, {
      fields: ['agriculture'],
      skills: ['agriculture.tea.processing'],
    });
    const all = (await findMatchableExperts()).map((e) => String(e._id));
    expect(all).toEqual(expect.arrayContaining([heart, tea]));
    expect(all).not.toContain(paused);
    const teaOnly = (await findMatchableExperts({ codes: ['agriculture.tea'] })).map((e) => String(e._id));
    expect(teaOnly).toEqual([tea]);
    const afterHeart = (await findMatchableExperts({ afterId: heart })).map((e) => String(e._id));
    expect(afterHeart).not.toContain(heart);
    expect(afterHeart).toContain(tea);
  });
});
