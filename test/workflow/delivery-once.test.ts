import { Types } from 'mongoose';
import request from 'supertest';
import { dispatchEmail, enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { verifyEmail } from '../email/email-harness';
import { staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { messagesTo, outboxRecord, outcomeOf, waitForEmailJob } from './delivery-helpers';
import { proposeWhenRanked, startWorkflowHarness, type WorkflowHarness } from './workflow-harness';

/** Once means once: a re-added job, two confirmations at once, a link used twice at once. */
let h: WorkflowHarness;
beforeAll(async () => {
  h = await startWorkflowHarness();
  await h.startWorker();
});
afterAll(() => h.close());

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

/** A need with one proposed match for a new expert, ranked by the worker process. */
async function proposedMatch(expertName: string) {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const expertId = await createExpertAs(h.t.app, h.coordinator, { ...TEA, name: expertName });
  const need = await createOpenNeed(h.t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  const matchId = await proposeWhenRanked(h, need.id, expertId);
  const expert = await Expert.findById(expertId).lean();
  return {
    matchId,
    needId: need.id,
    expertId,
    expertEmail: String(expert?.email),
  };
}

/** The offer's single-use outbox record, once its job has finished. */
async function deliveredOffer(matchId: string) {
  const offers = await OutboxEmail.find({ kind: 'offer', 'related.id': matchId }).lean();
  expect(offers).toHaveLength(1);
  const id = String(offers[0]?._id);
  expect(outcomeOf(await waitForEmailJob(h, id), id)).toBe('sent');
  return outboxRecord(id);
}

/** The accept token in an offer email's text part (its signed payload names the purpose). */
function acceptToken(text: string): string {
  const tokens = [...text.matchAll(/\/offers\/respond\?token=([\w.-]+)/g)].map((m) => m[1] as string);
  const token = tokens.find((t) =>
    Buffer.from(t.split('.')[0] ?? '', 'base64url')
      .toString()
      .startsWith('offer-accept|'),
  );
  if (!token) throw new Error(`no accept link in:\n${text}`);
  return token;
}

test('when a message is dispatched again after its job completed and was removed, then the worker process skips it and one email is sent', async () => {
  const input = verifyEmail(h.t.config.http.publicUrl);
  const { id } = await enqueueEmail(h.t.ctx, input);
  const first = await waitForEmailJob(h, id);
  expect(outcomeOf(first, id)).toBe('sent');
  await first.remove(); // as removeOnComplete eventually does: the job id is free again

  expect(await dispatchEmail(h.t.ctx, id)).toBe(true);
  const second = await waitForEmailJob(h, id);
  expect(outcomeOf(second, id)).toBe('skipped');
  expect(second.timestamp).toBeGreaterThan(first.timestamp); // a new job, not the old one
  expect(await outboxRecord(id)).toMatchObject({ status: 'sent', attempts: 1 });
  expect(messagesTo(h.sink, input.to)).toHaveLength(1);
});

test('when two coordinators confirm the same proposal at once, then one wins, one gets 409, and one offer is emailed with the name escaped', async () => {
  const { matchId, expertId, expertEmail } = await proposedMatch('<script>alert(1)</script>王建国');
  const second = await staffUser(h.t.app, 'coordinator');
  const answers = await Promise.all(
    [h.coordinator, second].map((c) =>
      request(h.t.app).post(`/api/v1/matches/${matchId}/confirm`).set(c.header),
    ),
  );
  expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  expect(answers.find((r) => r.status === 409)?.body.error.code).toBe('ILLEGAL_TRANSITION');

  const match = await Match.findById(matchId).lean();
  expect(match?.history.map((x) => x.to)).toEqual(['proposed', 'confirmed', 'offered']);
  // The expert may hold two places; the losing confirmation gave its reservation back.
  expect((await Expert.findById(expertId).lean())?.pendingOffers).toBe(1);
  const record = await deliveredOffer(matchId);
  const received = messagesTo(h.sink, expertEmail);
  expect(received).toHaveLength(1);
  expect(received[0]?.messageId).toBe(record?.messageId);
  expect(received[0]?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;王建国');
  expect(received[0]?.html).not.toContain('<script>');
});

test('when an accept link is tampered with, then it is refused; when it is used twice at once, then the expert is engaged once', async () => {
  const { matchId, needId, expertId, expertEmail } = await proposedMatch('李茶农');
  const confirmed = await request(h.t.app)
    .post(`/api/v1/matches/${matchId}/confirm`)
    .set(h.coordinator.header);
  expect(confirmed.body.status).toBe('offered');
  await deliveredOffer(matchId);
  const token = acceptToken(messagesTo(h.sink, expertEmail)[0]?.text ?? '');

  // The same signature over a payload that names another match.
  const [body, signature] = token.split('.') as [string, string];
  const claims = Buffer.from(body, 'base64url').toString().split('|');
  claims[1] = String(new Types.ObjectId());
  const forged = `${Buffer.from(claims.join('|')).toString('base64url')}.${signature}`;
  expect((await request(h.t.app).post('/offers/respond').type('form').send({ token: forged })).status).toBe(
    400,
  );
  expect((await Match.findById(matchId).lean())?.status).toBe('offered');

  const answers = await Promise.all(
    [1, 2].map(() => request(h.t.app).post('/offers/respond').type('form').send({ token })),
  );
  expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  const match = await Match.findById(matchId).lean();
  expect(match?.history.map((x) => x.to)).toEqual([
    'proposed',
    'confirmed',
    'offered',
    'accepted',
    'engaged',
  ]);
  expect(await Expert.findById(expertId).lean()).toMatchObject({ activeEngagements: 1, pendingOffers: 0 });
  expect(await Need.findById(needId).lean()).toMatchObject({ filledCount: 1 });
  expect(await OutboxEmail.countDocuments({ kind: 'offer-accepted-employer', 'related.id': matchId })).toBe(
    1,
  );
});
