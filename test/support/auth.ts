import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '../../src/lib/actor';
import { createUser } from '../../src/modules/accounts/users.service';

export const TEST_PASSWORD = 'correct horse battery';

export const uniqueEmail = (label = 'user'): string =>
  `${label}.${randomBytes(5).toString('hex')}@example.com`;

export interface SignedIn {
  userId: string;
  email: string;
  token: string;
  /** Header to send with supertest: `.set(auth.header)`. */
  header: { Authorization: string };
}

/** Signs in over HTTP and returns an API token for that account. */
export async function signIn(app: Express, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ email, password, token: { name: 'test' } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token: string = res.body.apiToken.token;
  return { userId: res.body.user.id, email, token, header: { Authorization: `Bearer ${token}` } };
}

/** Creates a staff account directly (coordinators and admins have no public sign-up) and signs in. */
export async function staffUser(
  app: Express,
  role: Extract<Role, 'coordinator' | 'admin'>,
): Promise<SignedIn> {
  const email = uniqueEmail(role);
  await createUser({ email, password: TEST_PASSWORD, role, displayName: `${role} 测试` });
  return signIn(app, email);
}

/** A supertest agent signed in with a cookie session, and its CSRF token. */
export async function sessionAgent(app: Express, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const res = await agent.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrfToken: res.body.csrfToken as string, userId: res.body.user.id as string };
}
