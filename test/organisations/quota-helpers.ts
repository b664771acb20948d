import type { Express } from 'express';
import request from 'supertest';
import { currentQuotaYear } from '../../src/modules/organisations/quota.service';
import type { SignedIn } from '../support/auth';
import { type Employer, registerEmployer } from '../support/organisations.factory';

/**
 * Calls on the quota ledger and nominations of an employer, for the quota tests. The app and the
 * admin are read when called (the tests set them up in beforeAll).
 */
export function quotaCalls(app: () => Express, admin: () => SignedIn) {
  const year = currentQuotaYear();
  const quotaPath = (e: Employer) => `/api/v1/organisations/${e.organisationId}/quota`;
  const nominationsPath = (e: Employer) => `/api/v1/organisations/${e.organisationId}/nominations`;
  const grant = (e: Employer, granted: number) =>
    request(app()).put(quotaPath(e)).set(admin().header).send({ year, granted });
  const nominateNeed = (e: Employer, needId: string, who = e.header) =>
    request(app()).post(nominationsPath(e)).set(who).send({ kind: 'priority_need', needId });
  const ledger = async (e: Employer, who = e.header) =>
    (
      await request(app())
        .get(`${quotaPath(e)}?year=${year}`)
        .set(who)
    ).body;
  async function keyEnterprise(units: number) {
    const e = await registerEmployer(app(), { verified: true });
    const res = await grant(e, units);
    if (res.status !== 200) throw new Error(`grant failed: ${res.status} ${JSON.stringify(res.body)}`);
    return e;
  }
  return { year, quotaPath, nominationsPath, grant, nominateNeed, ledger, keyEnterprise };
}
