import type { Express } from 'express';
import { Types } from 'mongoose';
import request from 'supertest';
import { issueToken } from '../../src/modules/accounts/api-token.service';
import { User, type UserRecord } from '../../src/modules/accounts/user.model';
import { Match, type MatchStatus } from '../../src/modules/matches/match.model';
import { type SignedIn, TEST_PASSWORD, uniqueEmail } from './auth';
import { inDays } from './dates';

export const CONSENT = { textVersion: 'privacy-2026-01', accepted: true } as const;

/** A sign-up body for POST /experts/register with a unique email; overrides replace whole keys. */
export type ExpertBody = Record<string, unknown> & { email: string };

export function buildExpert(overrides: Record<string, unknown> = {}): ExpertBody {
  return {
    email: uniqueEmail('expert'),
    password: TEST_PASSWORD,
    name: '李明',
    consent: CONSENT,
    birthYear: 1960,
    gender: 'male',
    phone: '13812345678',
    homeCounty: '500114',
    residenceCounty: '500114',
    formerEmployer: '黔江区中心医院',
    position: '心内科主任',
    title: { level: 'full_senior', series: 'health' },
    fields: ['health'],
    skills: ['health.cardiology'],
    tags: ['高血压'],
    honours: [{ name: '重庆市科技进步奖一等奖', level: 'provincial', year: 2015 }],
    yearsOfExperience: 35,
    languages: ['zh'],
    preferredLanguage: 'zh-CN',
    modes: ['onsite', 'remote'],
    availability: {
      windows: [{ from: inDays(-300), to: inDays(700) }],
      daysPerMonth: 10,
      maxConcurrent: 2,
      blockedDates: [inDays(40)],
    },
    travel: { maxHours: 3, regions: ['422801'], remoteOk: true },
    expectations: { text: '希望服务基层医院', stipendPerMonthYuan: 5000 },
    ...overrides,
  };
}

/** The same profile as an assisted-registration body (no password). */
export function buildAssistedExpert(overrides: Record<string, unknown> = {}): ExpertBody {
  const { password: _password, ...body } = buildExpert(overrides);
  return body;
}

export interface RegisteredExpert {
  expertId: string;
  userId: string;
  email: string;
  auth: SignedIn;
}

/**
 * An API token issued directly: signing in over HTTP verifies an argon2 hash (a few hundred ms),
 * and the sign-in itself is tested in test/accounts.
 */
export async function tokenFor(userId: string, email: string): Promise<SignedIn> {
  const { token } = await issueToken(userId, 'test', 1);
  return { userId, email, token, header: { Authorization: `Bearer ${token}` } };
}

/** The account a sign-up created for this address (sign-up answers the same whether or not it did). */
export async function signedUpAccount(email: string) {
  const user = await User.findOne({ email: email.toLowerCase() }).lean<UserRecord>();
  if (!user) throw new Error(`no account was created for ${email}`);
  return user;
}

/**
 * Signs up over HTTP (password TEST_PASSWORD) and gets an API token. Sign-up does not say what it
 * created, so the ids are read from the database.
 */
export async function registerExpert(
  app: Express,
  overrides: Record<string, unknown> = {},
): Promise<RegisteredExpert> {
  const body = buildExpert(overrides);
  const res = await request(app).post('/api/v1/experts/register').send(body);
  if (res.status !== 202) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const user = await signedUpAccount(body.email);
  const userId = String(user._id);
  const auth = await tokenFor(userId, body.email);
  return { expertId: String(user.expertId), userId, email: body.email, auth };
}

/** Registers through a coordinator (fast: no password to hash); returns the expert id. */
export async function createExpertAs(
  app: Express,
  staff: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await request(app)
    .post('/api/v1/experts')
    .set(staff.header)
    .send(buildAssistedExpert(overrides));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A match created directly (the workflow module does this for real later). */
export async function createMatch(expertId: string, organisationId: string, status: MatchStatus) {
  const match = await Match.create({
    needId: new Types.ObjectId(),
    expertId,
    organisationId,
    status,
    history: [{ to: status, at: new Date(), channel: 'system' }],
  });
  return String(match._id);
}

/**
 * An engagement written directly (the offer path has its own tests): the talent-service desk serves
 * experts who have accepted or started one.
 */
export async function engageDirectly(expertId: string): Promise<void> {
  await createMatch(expertId, String(new Types.ObjectId()), 'engaged');
}

/** A registered expert with an engagement, who may use the talent-service desk. */
export async function registerEngagedExpert(
  app: Express,
  overrides: Parameters<typeof registerExpert>[1] = {},
): Promise<RegisteredExpert> {
  const expert = await registerExpert(app, overrides);
  await engageDirectly(expert.expertId);
  return expert;
}

/** An expert registered by staff, with an engagement (see registerEngagedExpert). */
export async function createEngagedExpertAs(
  app: Express,
  staff: SignedIn,
  overrides: Parameters<typeof createExpertAs>[2] = {},
): Promise<string> {
  const expertId = await createExpertAs(app, staff, overrides);
  await engageDirectly(expertId);
  return expertId;
}
