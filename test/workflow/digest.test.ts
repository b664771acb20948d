import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { sendCoordinatorDigest } from '../../src/modules/matches/digest.service';
import { Need } from '../../src/modules/needs/need.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

test('when needs have waited too long and an organisation awaits verification, then every coordinator gets one digest naming them', async () => {
  const employer = await registerEmployer(t.app, { verified: true });
  const stale = await createOpenNeed(t.app, employer.header, { title: '魔芋软腐病防治（久未满足）' });
  const fresh = await createOpenNeed(t.app, employer.header, { title: '刚发布的需求' });
  await Need.updateOne({ _id: stale.id }, { $set: { openedAt: new Date(Date.now() - 20 * 86_400_000) } });
  await registerEmployer(t.app); // pending verification

  expect(await sendCoordinatorDigest(t.ctx)).toBeGreaterThanOrEqual(1);
  const digest = await OutboxEmail.findOne({ kind: 'coordinator-digest', to: coordinator.email }).lean();
  const data = digest?.data as {
    staleNeeds: { title: string; openDays: number }[];
    pendingOrganisations: number;
  };
  expect(data.staleNeeds.map((n) => n.title)).toContain('魔芋软腐病防治（久未满足）');
  expect(data.staleNeeds.map((n) => n.title)).not.toContain(fresh.title);
  expect(data.staleNeeds.find((n) => n.title.includes('久未满足'))?.openDays).toBe(20);
  expect(data.pendingOrganisations).toBeGreaterThanOrEqual(1);
});
