import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { Match } from '../../src/modules/matches/match.model';
import type { TestApp } from '../support/app';
import { type SignedIn, uniqueEmail } from '../support/auth';
import { tokenFor } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

/** A staff account with a token issued directly (no password hash to check). */
export async function staff(role: 'coordinator' | 'admin', displayName: string): Promise<SignedIn> {
  const email = uniqueEmail(role);
  const user = await createUser({ email, role, displayName });
  return tokenFor(String(user._id), email);
}

/** An employer with one open need wanting many experts, so engagements can be made against it. */
export async function openNeedFor(t: TestApp): Promise<{ employer: Employer; needId: string }> {
  const employer = await registerEmployer(t.app, { verified: true });
  const need = await createOpenNeed(t.app, employer.header, { expertsWanted: 50, employerApproval: false });
  return { employer, needId: need.id };
}

/**
 * An offer made to the expert (written directly: the offer path has its own tests), accepted by a
 * coordinator recording a phone answer over HTTP — the step that engages the expert.
 */
export async function engage(
  t: TestApp,
  recorder: SignedIn,
  target: { employer: Employer; needId: string },
  expertId: string,
): Promise<void> {
  const at = new Date();
  const match = await Match.create({
    needId: target.needId,
    expertId,
    organisationId: target.employer.organisationId,
    status: 'offered',
    offeredAt: at,
    offerExpiresAt: new Date(at.getTime() + 86_400_000),
    history: [{ to: 'offered', at, channel: 'system' }],
  });
  const res = await request(t.app)
    .post(`/api/v1/matches/${match._id}/answer`)
    .set(recorder.header)
    .send({ answer: 'accept', channel: 'phone' });
  if (res.status !== 200 || res.body.status !== 'engaged') {
    throw new Error(`engagement failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
