import request from 'supertest';
import type { Actor } from '../../src/lib/actor';
import { TRANSIENT_TRANSACTION_ERROR } from '../../src/lib/transaction';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { emailQueue, enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { confirmMatch } from '../../src/modules/matches/match-workflow.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let actor: Actor;
let employer: Employer;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = await staffUser(t.app, 'coordinator');
  actor = { userId: coordinator.userId, role: 'coordinator', via: 'token' };
  employer = await registerEmployer(t.app, { verified: true });
});
afterAll(() => t.close());

/** A proposal of a new expert for a new open need that asks for no employer approval. */
async function proposal() {
  const expertId = await createExpertAs(t.app, coordinator);
  const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  const match = await Match.create({
    needId: need.id,
    expertId,
    organisationId: employer.organisationId,
    status: 'proposed',
    history: [{ to: 'proposed', at: new Date(), byRole: 'coordinator', channel: 'web' }],
  });
  return { matchId: String(match._id), expertId };
}

/** Everything a confirmation writes, as stored now. */
async function written(matchId: string, expertId: string) {
  const match = await Match.findById(matchId).lean();
  const expert = await Expert.findById(expertId).lean();
  const outbox = await OutboxEmail.find({ 'related.type': 'match', 'related.id': matchId }).lean();
  return {
    status: match?.status,
    history: match?.history.map((h) => h.to),
    offeredAt: match?.offeredAt ?? null,
    pendingOffers: expert?.pendingOffers,
    activeEngagements: expert?.activeEngagements,
    audits: await AuditEntry.countDocuments({ action: 'match.confirm', targetId: matchId }),
    outbox: outbox.map((o) => ({ id: String(o._id), kind: o.kind })),
  };
}

const untouched = {
  status: 'proposed',
  history: ['proposed'],
  offeredAt: null,
  pendingOffers: 0,
  activeEngagements: 0,
  audits: 0,
  outbox: [],
};

/** The email job carrying a record, found by its data (a batch job's id is not the record's). */
const jobOf = async (outboxId: string) =>
  (await emailQueue(t.ctx).getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).find((j) =>
    'outboxIds' in j.data ? j.data.outboxIds.includes(outboxId) : j.data.outboxId === outboxId,
  );

describe('confirming a proposal is one transaction with its offer', () => {
  test('when writing the offer email fails, then nothing of the confirmation remains and the coordinator can confirm again', async () => {
    const { matchId, expertId } = await proposal();
    let calls = 0;
    const failing: typeof enqueueEmail = async () => {
      calls += 1;
      throw new Error('outbox unavailable');
    };

    await expect(confirmMatch(t.ctx, actor, matchId, { writeEmail: failing })).rejects.toThrow(
      'outbox unavailable',
    );
    expect(calls).toBe(1); // no label: not retried
    expect(await written(matchId, expertId)).toEqual(untouched);

    const again = await request(t.app).post(`/api/v1/matches/${matchId}/confirm`).set(coordinator.header);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('offered');
    const after = await written(matchId, expertId);
    expect(after).toMatchObject({
      status: 'offered',
      history: ['proposed', 'confirmed', 'offered'],
      pendingOffers: 1,
      audits: 1,
      outbox: [{ kind: 'offer' }],
    });
    expect(after.offeredAt).toBeInstanceOf(Date);
    expect(await jobOf(after.outbox[0].id)).toBeDefined();
  });

  test('when the first attempt hits a TransientTransactionError after every write, then it runs again and commits exactly one set of writes', async () => {
    const { matchId, expertId } = await proposal();
    const written1: string[] = [];
    const flaky: typeof enqueueEmail = async (ctx, input, options) => {
      const queued = await enqueueEmail(ctx, input, options);
      written1.push(queued.id);
      if (written1.length === 1) {
        throw Object.assign(new Error('write conflict'), { errorLabels: [TRANSIENT_TRANSACTION_ERROR] });
      }
      return queued;
    };

    const confirmed = await confirmMatch(t.ctx, actor, matchId, { writeEmail: flaky });
    expect(confirmed.status).toBe('offered');
    expect(written1).toHaveLength(2);
    const [aborted, committed] = written1;
    expect(await written(matchId, expertId)).toMatchObject({
      status: 'offered',
      history: ['proposed', 'confirmed', 'offered'],
      pendingOffers: 1,
      audits: 1,
      outbox: [{ id: committed, kind: 'offer' }],
    });
    // Jobs are added after the commit only: none for the attempt that was rolled back.
    expect(await jobOf(committed)).toBeDefined();
    expect(await jobOf(aborted)).toBeUndefined();
  });

  test('when two confirmations of one proposal race, then one offers, the other is 409, and one place is held', async () => {
    const { matchId, expertId } = await proposal();
    const confirm = () => request(t.app).post(`/api/v1/matches/${matchId}/confirm`).set(coordinator.header);
    const results = await Promise.all([confirm(), confirm()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await written(matchId, expertId)).toMatchObject({
      status: 'offered',
      history: ['proposed', 'confirmed', 'offered'],
      pendingOffers: 1,
      audits: 1,
      outbox: [{ kind: 'offer' }],
    });
  });
});
