import type { Express } from 'express';
import request from 'supertest';
import { TEST_PASSWORD } from '../support/auth';

/** The CSRF token written into a page's forms. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
}

/**
 * A visitor who opened a form page (sign-in, sign-up): the agent with its session cookie and the
 * CSRF token the form carries — anonymous forms are protected too.
 */
export async function formAgent(app: Express, path: string) {
  const agent = request.agent(app);
  const page = await agent.get(path);
  return { agent, csrfToken: csrfOf(page.text) };
}

/** A supertest agent signed in through the sign-in page, and the CSRF token its forms carry. */
export async function pageAgent(app: Express, email: string, password = TEST_PASSWORD) {
  const { agent, csrfToken: _csrf } = await formAgent(app, '/login');
  const res = await agent.post('/login').type('form').send({ email, password, _csrf });
  if (res.status !== 303) throw new Error(`page sign-in failed: ${res.status}`);
  const home = await agent.get(res.headers.location);
  return { agent, csrfToken: csrfOf(home.text) };
}
