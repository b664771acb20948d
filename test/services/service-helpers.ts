import type { Express } from 'express';
import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { Match } from '../../src/modules/matches/match.model';
import { quotaCalls } from '../organisations/quota-helpers';
import { type SignedIn, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { createExpertAs, tokenFor } from '../support/experts.factory';
import { createNeed } from '../support/needs.factory';
import type { Employer } from '../support/organisations.factory';

/** A service unit's staff member (with the test password, so pages can sign in too). */
export async function unitStaff(unitCode: string): Promise<SignedIn> {
  const email = uniqueEmail(unitCode);
  const user = await createUser({
    email,
    password: TEST_PASSWORD,
    role: 'service_unit',
    unitCode,
    displayName: `${unitCode} 经办人`,
  });
  return tokenFor(String(user._id), email);
}

/**
 * A key enterprise (given, or a new one with one unit of quota) that engages a new expert and puts them
 * on its exclusive track, over HTTP.
 */
export async function nominatedTalent(
  app: Express,
  staff: { admin: SignedIn; coordinator: SignedIn },
  options: { employer?: Employer; name?: string } = {},
): Promise<{ employer: Employer; nominee: string }> {
  const { keyEnterprise, nominationsPath } = quotaCalls(
    () => app,
    () => staff.admin,
  );
  const employer = options.employer ?? (await keyEnterprise(1));
  const nominee = await createExpertAs(app, staff.coordinator, options.name ? { name: options.name } : {});
  const need = await createNeed(app, employer.header);
  await Match.create({
    needId: need.id,
    expertId: nominee,
    organisationId: employer.organisationId,
    status: 'engaged',
  });
  const res = await request(app)
    .post(nominationsPath(employer))
    .set(employer.header)
    .send({ kind: 'exclusive_expert', expertId: nominee });
  if (res.status !== 201) throw new Error(`nomination failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { employer, nominee };
}
