import mongoose from 'mongoose';
import { connectMongo } from '../../src/lib/db';
import {
  consumeActionToken,
  createActionToken,
  purgeExpiredActionTokens,
  verifyActionToken,
} from '../../src/modules/email/action-links';
import { testConfig } from '../support/app';

const config = testConfig({ LINK_SECRET: 'a-test-link-secret-of-at-least-32-chars' });
const secret = config.links.secret;
const inAnHour = () => new Date(Date.now() + 3600_000);

beforeAll(() => connectMongo(config));
afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
});

const offerToken = () =>
  createActionToken(
    { purpose: 'offer-accept', subjectId: '665f1c2e8b3e4a0012345678', expiresAt: inAnHour() },
    secret,
  );

test('when a token is used once, then it gives back its subject; a replay is refused with LINK_USED', async () => {
  const token = offerToken();
  expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await expect(verifyActionToken(token, 'offer-accept', secret)).resolves.toMatchObject({
    subjectId: '665f1c2e8b3e4a0012345678',
  });
  const claims = await consumeActionToken(token, 'offer-accept', secret);
  expect(claims).toMatchObject({ purpose: 'offer-accept', subjectId: '665f1c2e8b3e4a0012345678' });
  await expect(consumeActionToken(token, 'offer-accept', secret)).rejects.toMatchObject({
    code: 'LINK_USED',
    httpStatus: 409,
  });
  await expect(verifyActionToken(token, 'offer-accept', secret)).rejects.toMatchObject({ code: 'LINK_USED' });
});

test('when two requests use the same token at once, then exactly one succeeds', async () => {
  const token = offerToken();
  const results = await Promise.allSettled(
    [1, 2, 3].map(() => consumeActionToken(token, 'offer-accept', secret)),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
});

test('when a token is tampered with, signed with another secret or used for another purpose, then LINK_INVALID', async () => {
  const token = offerToken();
  const [body, signature] = token.split('.') as [string, string];
  const payload = Buffer.from(body, 'base64url').toString();
  const forged = Buffer.from(
    payload.replace('665f1c2e8b3e4a0012345678', '665f1c2e8b3e4a0099999999'),
  ).toString('base64url');
  const other = createActionToken(
    { purpose: 'offer-accept', subjectId: 'x1', expiresAt: inAnHour() },
    'another-secret-that-is-32-characters-long',
  );
  for (const bad of [`${forged}.${signature}`, `${body}.${signature.slice(0, -2)}AA`, other, 'garbage', '']) {
    await expect(consumeActionToken(bad, 'offer-accept', secret)).rejects.toMatchObject({
      code: 'LINK_INVALID',
      httpStatus: 400,
    });
  }
  await expect(consumeActionToken(token, 'offer-decline', secret)).rejects.toMatchObject({
    code: 'LINK_INVALID',
  });
  // A refused attempt does not use the token up.
  await expect(consumeActionToken(token, 'offer-accept', secret)).resolves.toBeDefined();
});

test('when a token has expired, then LINK_EXPIRED (checked in code, no TTL index)', async () => {
  const token = createActionToken(
    { purpose: 'password-reset', subjectId: 'u1', expiresAt: new Date(Date.now() + 1_000) },
    secret,
  );
  await expect(
    consumeActionToken(token, 'password-reset', secret, { now: new Date(Date.now() + 2_000) }),
  ).rejects.toMatchObject({ code: 'LINK_EXPIRED', httpStatus: 410 });
  const past = createActionToken(
    { purpose: 'password-reset', subjectId: 'u1', expiresAt: new Date(0) },
    secret,
  );
  await expect(consumeActionToken(past, 'password-reset', secret)).rejects.toMatchObject({
    code: 'LINK_EXPIRED',
  });
});

test('when used links have expired, then the purge forgets their nonces and keeps the live ones', async () => {
  const live = offerToken();
  const soon = createActionToken(
    {
      purpose: 'offer-decline',
      subjectId: '665f1c2e8b3e4a0012345678',
      expiresAt: new Date(Date.now() + 1_000),
    },
    secret,
  );
  await consumeActionToken(live, 'offer-accept', secret);
  await consumeActionToken(soon, 'offer-decline', secret);
  const purged = await purgeExpiredActionTokens(new Date(Date.now() + 60_000));
  expect(purged).toBeGreaterThanOrEqual(1);
  await expect(consumeActionToken(live, 'offer-accept', secret)).rejects.toMatchObject({
    code: 'LINK_USED',
  });
});
