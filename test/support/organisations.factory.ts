import { randomInt } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { issueToken } from '../../src/modules/accounts/api-token.service';
import { createUser } from '../../src/modules/accounts/users.service';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../src/modules/organisations/social-credit-code';
import { type SignedIn, TEST_PASSWORD, uniqueEmail } from './auth';
import { signedUpAccount } from './experts.factory';

/** A random, checksum-valid unified social credit code of an enterprise registered in 黔江区. */
export function validCreditCode(prefix = '91500114'): string {
  let body = prefix;
  while (body.length < 17) body += CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)];
  return body + creditCodeCheckChar(body);
}

export function buildOrganisationInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `黔江测试企业 ${randomInt(1e6)}`,
    type: 'enterprise',
    creditCode: validCreditCode(),
    county: '500114',
    address: '重庆市黔江区城东街道 1 号',
    description: '魔芋与茶叶加工',
    ...overrides,
  };
}

export function buildRegistration(overrides: Record<string, unknown> = {}) {
  const { organisation, ...rest } = overrides;
  return {
    email: uniqueEmail('employer'),
    password: TEST_PASSWORD,
    name: '张联系',
    phone: '13800138000',
    ...rest,
    organisation: buildOrganisationInput(organisation as Record<string, unknown> | undefined),
  };
}

export interface Employer extends SignedIn {
  organisationId: string;
}

/**
 * Signs an employer up over HTTP and gives it an API token. The token is issued directly rather
 * than through /auth/login, which saves a password hash check per employer (sign-in has its own
 * tests). `verified: true` marks the organisation verified in the database (the verification flow
 * itself is tested over HTTP).
 */
export async function registerEmployer(
  app: Express,
  options: { verified?: boolean; organisation?: Record<string, unknown> } = {},
): Promise<Employer> {
  const body = buildRegistration({ organisation: options.organisation });
  const res = await request(app).post('/api/v1/organisations/register').send(body);
  if (res.status !== 202) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  // sign-up does not say what it created: the ids come from the database
  const user = await signedUpAccount(body.email);
  const organisationId = String(user.organisationId);
  if (options.verified) {
    await Organisation.updateOne(
      { _id: organisationId },
      { $set: { status: 'verified', verifiedAt: new Date() } },
    );
  }
  const userId = String(user._id);
  const { token } = await issueToken(userId, 'test', 1);
  return { userId, email: body.email, token, header: { Authorization: `Bearer ${token}` }, organisationId };
}

/** An organisation document, created directly through the model. */
export async function createOrganisation(contactEmail = uniqueEmail('contact')): Promise<string> {
  const org = await Organisation.create({
    name: '黔江区人民医院',
    type: 'hospital',
    creditCode: validCreditCode('12500114'),
    county: '500114',
    address: '黔江区城西街道',
    contact: { name: '王经理', phone: '13900001111', email: contactEmail },
    status: 'verified',
  });
  return String(org._id);
}

/** An employer account (no password) of a new organisation, with an API token. */
export async function employerUser(): Promise<SignedIn & { organisationId: string }> {
  const email = uniqueEmail('employer');
  const organisationId = await createOrganisation(email);
  const user = await createUser({ email, role: 'employer', displayName: '王经理', organisationId });
  const { token } = await issueToken(String(user._id), 'test', 1);
  return {
    userId: String(user._id),
    email,
    token,
    header: { Authorization: `Bearer ${token}` },
    organisationId,
  };
}
