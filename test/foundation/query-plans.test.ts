import mongoose, { Types } from 'mongoose';
import { connectMongo } from '../../src/lib/db';
import { beyond } from '../../src/lib/keyset';
import { ApiToken } from '../../src/modules/accounts/api-token.model';
import { User } from '../../src/modules/accounts/user.model';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Nomination } from '../../src/modules/organisations/nomination.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { BatchRun } from '../../src/modules/ranking/batch-run.model';
import { CandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot.model';
import { TravelOverride } from '../../src/modules/regions/travel-override.model';
import { testConfig } from '../support/app';

/**
 * The list and sweep queries of the services, as they are sent (filters, sorts, limits), explained by a
 * real mongod: none may be answered by a collection scan. The in-process test server has no planner, so
 * there the file only checks how it reads an explain document.
 */
const onMongod = process.env.YINLING_MONGO_SERVER === 'mongod';
if (!onMongod) {
  console.info(
    'query plans: skipped, MongoDB is the in-process test server (no query planner); ' +
      'set MONGO_URL to a mongod, or put mongod on PATH, to run them',
  );
}

/** Every stage of a winning plan, classic (inputStage/inputStages) or SBE (queryPlan), as `STAGE(index)`. */
function planStages(plan: unknown, out: string[] = []): string[] {
  if (Array.isArray(plan)) {
    for (const p of plan) planStages(p, out);
  } else if (plan !== null && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (typeof node.stage === 'string') {
      out.push(typeof node.indexName === 'string' ? `${node.stage}(${node.indexName})` : node.stage);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'slotBasedPlan' && typeof value === 'object') planStages(value, out);
    }
  }
  return out;
}

/** The winning plan of a find's explain (or an aggregate's first stage). */
function winningPlan(explain: unknown): unknown {
  type Planner = { winningPlan?: unknown };
  type Explain = { queryPlanner?: Planner; stages?: { $cursor?: { queryPlanner?: Planner } }[] };
  const doc = (Array.isArray(explain) ? explain[0] : explain) as Explain | undefined;
  const planner = doc?.queryPlanner ?? doc?.stages?.[0]?.$cursor?.queryPlanner;
  if (!planner?.winningPlan) throw new Error(`no winning plan in ${JSON.stringify(doc).slice(0, 300)}`);
  return planner.winningPlan;
}

describe('reading explain documents', () => {
  it('when a classic plan nests stages, then every stage and index is listed', () => {
    const explain = {
      queryPlanner: {
        winningPlan: {
          stage: 'LIMIT',
          inputStage: {
            stage: 'FETCH',
            inputStage: { stage: 'IXSCAN', indexName: 'status_1_offerExpiresAt_1__id_1' },
          },
        },
        rejectedPlans: [{ stage: 'COLLSCAN' }],
      },
    };
    expect(planStages(winningPlan(explain))).toEqual([
      'LIMIT',
      'FETCH',
      'IXSCAN(status_1_offerExpiresAt_1__id_1)',
    ]);
  });

  it('when an SBE plan wraps the query plan, then its OR branches are read too', () => {
    const explain = {
      queryPlanner: {
        winningPlan: {
          queryPlan: {
            stage: 'SORT',
            inputStage: {
              stage: 'OR',
              inputStages: [{ stage: 'IXSCAN', indexName: 'a' }, { stage: 'COLLSCAN' }],
            },
          },
          slotBasedPlan: { stages: '[1] scan s1' },
        },
      },
    };
    expect(planStages(winningPlan(explain))).toEqual(['SORT', 'OR', 'IXSCAN(a)', 'COLLSCAN']);
  });
});

const now = new Date('2026-06-01T08:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const ids = (n: number) => Array.from({ length: n }, () => new Types.ObjectId());
const [orgA, orgB] = ids(2);
const experts = ids(6);
const needs = ids(6);
const users = ids(6);

/** A few documents per collection, with the fields the queries filter and sort on. */
async function seed(): Promise<void> {
  const statuses = ['offered', 'offered', 'accepted', 'engaged', 'proposed', 'declined'];
  await Promise.all([
    Organisation.collection.insertMany(
      [orgA, orgB].map((_id, i) => ({
        _id,
        name: `单位${i}`,
        creditCode: `91500114MA${i}`,
        status: i ? 'pending' : 'verified',
        county: '500114',
        createdAt: days(-i),
      })),
    ),
    Expert.collection.insertMany(
      experts.map((_id, i) => ({
        _id,
        name: ['向德明', '𠮷田', '张桂兰', '李', '王', '赵'][i],
        email: `e${i}@example.com`,
        status: i === 5 ? 'deleted' : 'active',
        residenceCounty: '500114',
        taxonomyCodes: ['health', 'health.cardiology'],
        availability: { paused: false },
        createdAt: days(-30 + i),
        updatedAt: days(-i),
      })),
    ),
    Need.collection.insertMany(
      needs.map((_id, i) => ({
        _id,
        organisationId: i % 2 ? orgB : orgA,
        title: `需求${i}`,
        status: ['open', 'matching', 'partially_filled', 'draft', 'filled', 'closed'][i],
        priority: i === 0,
        skillScopes: ['health'],
        county: '500114',
        openedAt: days(-20 + i),
        createdAt: days(-25 + i),
      })),
    ),
    Match.collection.insertMany(
      statuses.map((status, i) => ({
        needId: needs[i],
        expertId: experts[i],
        organisationId: i % 2 ? orgB : orgA,
        status,
        updatedAt: days(-i),
        ...(status === 'offered' ? { offeredAt: days(-6), offerExpiresAt: days(i ? 1 : -1) } : {}),
      })),
    ),
    User.collection.insertMany(
      users.map((_id, i) => ({
        _id,
        email: `u${i}@example.com`,
        role: ['coordinator', 'admin', 'expert', 'employer', 'coordinator', 'expert'][i],
        displayName: `用户${i}`,
        createdAt: days(-i),
        ...(i === 4 ? { disabledAt: days(-1) } : {}),
      })),
    ),
    OutboxEmail.collection.insertMany(
      ['pending', 'sent', 'failed', 'pending'].map((status, i) => ({
        status,
        createdAt: days(-i),
        updatedAt: days(-i),
      })),
    ),
    AuditEntry.collection.insertMany(
      users.map((actorId, i) => ({
        actorId,
        actorRole: 'coordinator',
        action: 'need.update',
        targetType: i % 2 ? 'user' : 'expert',
        targetId: String(i % 2 ? users[i] : experts[i]),
        at: days(-i),
      })),
    ),
    TravelOverride.collection.insertMany(
      ['500101', '500102', '500103'].map((to, i) => ({
        from: '500100',
        to,
        minutes: 60,
        updatedAt: days(-i),
      })),
    ),
    BatchRun.collection.insertMany([0, 1, 2].map((i) => ({ runId: `run-${i}`, createdAt: days(-i) }))),
    Nomination.collection.insertMany(
      [0, 1, 2].map((i) => ({ organisationId: orgA, year: 2026, status: 'active', createdAt: days(-i) })),
    ),
    ApiToken.collection.insertMany(
      [0, 1].map((i) => ({ userId: users[0], tokenHash: `hash-${i}`, createdAt: days(-i) })),
    ),
    CandidateSnapshot.collection.insertMany(needs.slice(0, 3).map((needId) => ({ needId, candidates: [] }))),
  ]);
}

const MATCHABLE = ['open', 'matching', 'partially_filled'];
const EXPERT_VISIBLE = ['offered', 'accepted', 'declined', 'expired', 'engaged', 'completed', 'cancelled'];
const OPEN_MATCH = ['proposed', 'confirmed', 'awaiting_employer', 'offered', 'accepted', 'engaged'];
const page = { skip: 0, limit: 20 };
/** Filters typed as the services build them (statuses as plain strings). */
const where = (filter: Record<string, unknown>) => filter;

/** Each query as its service sends it (the function named); a change there should change it here. */
/** What the test needs of a mongoose query: its explain (awaiting it gives the explain document). */
type Explainable = { explain(verbosity: 'queryPlanner'): PromiseLike<unknown> };

const QUERIES: Array<[string, () => Explainable]> = [
  // experts
  [
    'ExpertStoreCache.sync (changed since the watermark)',
    () => Expert.find({ updatedAt: { $gte: days(-2) } }),
  ],
  [
    'listExperts, staff, default sort',
    () =>
      Expert.find({ $and: [{}] })
        .sort({ updatedAt: -1, _id: -1 })
        .skip(page.skip)
        .limit(page.limit),
  ],
  [
    'listExperts, staff, by name',
    () =>
      Expert.find({ $and: [{}] })
        .sort({ name: 1, _id: 1 })
        .limit(page.limit),
  ],
  [
    'listExperts, employer',
    () =>
      Expert.find({ $and: [{ status: 'active' }] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listExperts, by field and county',
    () =>
      Expert.find({ $and: [{}, { taxonomyCodes: 'health' }, { residenceCounty: '500114' }] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listExperts, search by name keys (pinyin prefix)',
    () =>
      Expert.find({ $and: [{ $and: [{}] }, { nameKeys: { $regex: '^xdm' } }] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listExperts, search by name keys, next page',
    () =>
      Expert.find({
        $and: [
          { $and: [{ $and: [{}] }, { nameKeys: { $regex: '^xiang' } }] },
          beyond({ name: 1, _id: 1 }, ['向德明', experts[0]]),
        ],
      })
        .sort({ name: 1, _id: 1 })
        .limit(page.limit + 1),
  ],
  [
    'listExperts, next page (keyset, default sort)',
    () =>
      Expert.find({ $and: [{ $and: [{}] }, beyond({ updatedAt: -1, _id: -1 }, [days(-1), experts[1]])] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listExperts, skill and county, next page',
    () =>
      Expert.find({
        $and: [
          { $and: [{}, { taxonomyCodes: 'health.cardiology' }, { residenceCounty: '500114' }] },
          beyond({ updatedAt: -1, _id: -1 }, [days(-1), experts[1]]),
        ],
      })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listExperts, by minimum title level',
    () =>
      Expert.find({
        $and: [{}, { $or: [{ 'title.level': { $in: ['full_senior', 'associate_senior'] } }] }],
      })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'backfillNameKeys',
    () =>
      Expert.find({ nameKeysVersion: { $ne: 1 } })
        .select('name')
        .limit(500),
  ],
  [
    'whyNot lookup by name',
    () =>
      Expert.find({ name: '张桂兰', status: { $ne: 'deleted' } })
        .sort({ name: 1, _id: 1 })
        .limit(20),
  ],
  [
    'whyNot lookup by email',
    () =>
      Expert.find({ email: 'e1@example.com', status: { $ne: 'deleted' } })
        .sort({ name: 1, _id: 1 })
        .limit(20),
  ],
  [
    'findMatchableExperts',
    () =>
      Expert.find({
        status: 'active',
        'availability.paused': { $ne: true },
        taxonomyCodes: { $in: ['health'] },
      })
        .sort({ _id: 1 })
        .limit(1000),
  ],
  ['reportSummary experts', () => Expert.find({ status: { $ne: 'deleted' } }).sort({ _id: 1 })],
  // matches
  [
    'expireOverdueOffers',
    () =>
      Match.find({ status: 'offered', offerExpiresAt: { $lte: now } })
        .sort({ offerExpiresAt: 1, _id: 1 })
        .limit(500),
  ],
  [
    'remindDueOffers',
    () =>
      Match.find({ status: 'offered', remindedAt: { $exists: false }, offerExpiresAt: { $gt: now } })
        .sort({ offerExpiresAt: 1, _id: 1 })
        .limit(500),
  ],
  [
    'listExpiringOffers',
    () =>
      Match.find({ status: 'offered', offerExpiresAt: { $gt: now, $lte: days(2) } })
        .sort({ offerExpiresAt: 1, _id: 1 })
        .limit(10),
  ],
  [
    'listMatches, staff',
    () =>
      Match.find({ $and: [{}, {}] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listMatches, staff by status',
    () =>
      Match.find({ $and: [{}, { status: 'offered' }] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listMatches, by need',
    () =>
      Match.find({ $and: [{}, { needId: needs[0] }] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listMatches, employer',
    () =>
      Match.find({ $and: [{ organisationId: orgA }, {}] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listMatches, expert',
    () =>
      Match.find(where({ $and: [{ expertId: experts[0], status: { $in: EXPERT_VISIBLE } }, {}] }))
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listMatches, staff by expert',
    () =>
      Match.find({ $and: [{}, { expertId: experts[0] }] })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listMatches, staff by organisation, next page',
    () =>
      Match.find({
        $and: [
          { $and: [{}, { organisationId: orgA }] },
          beyond({ updatedAt: -1, _id: -1 }, [days(-1), needs[0]]),
        ],
      })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'withdrawFromOpenMatches (erasure)',
    () => Match.find(where({ expertId: experts[0], status: { $in: OPEN_MATCH } })).sort({ _id: 1 }),
  ],
  [
    'contactVisibleExpertIds',
    () =>
      Match.find({
        organisationId: orgA,
        expertId: { $in: experts },
        status: { $in: ['accepted', 'engaged', 'completed'] },
      }),
  ],
  ['ExpertStoreCache.apply', () => Match.find({ expertId: { $in: experts } })],
  ['runBatch holding matches', () => Match.find({ needId: { $in: needs } })],
  // needs
  [
    'listNeeds, staff, default sort',
    () =>
      Need.find({ $and: [{}, {}] })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listNeeds, employer',
    () =>
      Need.find({ $and: [{ organisationId: orgA }, {}] })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listNeeds, expert (matchable)',
    () =>
      Need.find(where({ $and: [{ status: { $in: MATCHABLE }, organisationId: { $in: [orgA] } }, {}] }))
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listNeeds, by field',
    () =>
      Need.find({ $and: [{}, { skillScopes: 'health' }] })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'listNeeds, staff by status',
    () =>
      Need.find({ $and: [{}, { status: 'cancelled' }] })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listNeeds, staff by county, next page',
    () =>
      Need.find({
        $and: [
          { $and: [{}, { county: '500114' }] },
          beyond({ createdAt: -1, _id: -1 }, [days(-1), needs[0]]),
        ],
      })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listNeeds, staff, title search by title',
    () =>
      Need.find({ $and: [{}, { title: { $regex: '茶', $options: 'i' } }] })
        .sort({ title: 1, _id: 1 })
        .limit(page.limit + 1),
  ],
  [
    'listNeeds, staff, by start day',
    () =>
      Need.find({ $and: [{}, {}] })
        .sort({ 'period.from': -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'listNeeds, staff, priority first',
    () =>
      Need.find({ $and: [{}, {}] })
        .sort({ priority: -1, createdAt: -1, _id: -1 })
        .limit(page.limit + 1),
  ],
  [
    'findMatchableNeeds',
    () =>
      Need.find(where({ status: { $in: MATCHABLE }, organisationId: { $in: [orgA] } })).sort({
        priority: -1,
        openedAt: 1,
        _id: 1,
      }),
  ],
  [
    'digest stale needs',
    () =>
      Need.find(
        where({ status: { $in: MATCHABLE }, organisationId: { $in: [orgA] }, openedAt: { $lte: days(-14) } }),
      )
        .sort({ openedAt: 1, _id: 1 })
        .limit(50),
  ],
  [
    'coordinatorOverview open needs',
    () =>
      Need.find(where({ status: { $in: MATCHABLE } }))
        .sort({ openedAt: 1, _id: 1 })
        .limit(10),
  ],
  ['exportMyData needs', () => Need.find({ organisationId: orgA }).sort({ createdAt: 1, _id: 1 })],
  // organisations
  ['verifiedOrganisationIds', () => Organisation.find({ status: 'verified' }).select('_id').sort({ _id: 1 })],
  [
    'listOrganisations, staff, newest first',
    () => Organisation.find({}).sort({ createdAt: -1, _id: -1 }).limit(10),
  ],
  ['listOrganisations, staff, by name', () => Organisation.find({}).sort({ name: 1, _id: 1 }).limit(10)],
  [
    'listOrganisations, pending',
    () => Organisation.find({ status: 'pending' }).sort({ createdAt: 1, _id: 1 }).limit(10),
  ],
  [
    'listOrganisations, by status, next page',
    () =>
      Organisation.find({
        $and: [{ status: 'pending' }, beyond({ createdAt: -1, _id: -1 }, [days(-1), orgB])],
      })
        .sort({ createdAt: -1, _id: -1 })
        .limit(11),
  ],
  [
    'listOrganisations, by credit code',
    () =>
      Organisation.find({ $and: [{}, { creditCode: { $regex: '^91500114' } }] })
        .sort({ createdAt: -1, _id: -1 })
        .limit(11),
  ],
  [
    'listNominations',
    () =>
      Nomination.find({ organisationId: orgA, year: 2026, status: 'active' }).sort({ createdAt: 1, _id: 1 }),
  ],
  // accounts, audit, email, regions, batch runs
  [
    'listStaff',
    () =>
      User.find({ role: { $in: ['coordinator', 'admin'] } })
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit),
  ],
  [
    'digest coordinators',
    () => User.find({ role: 'coordinator', disabledAt: { $exists: false } }).sort({ _id: 1 }),
  ],
  ['listTokens', () => ApiToken.find({ userId: users[0] }).sort({ createdAt: -1 })],
  ['listAudit', () => AuditEntry.find({}).sort({ at: -1, _id: -1 }).limit(50)],
  ['listAudit by actor', () => AuditEntry.find({ actorId: users[0] }).sort({ at: -1, _id: -1 }).limit(50)],
  [
    'exportMyData audit',
    () =>
      AuditEntry.find({
        $or: [
          { targetType: 'user', targetId: String(users[1]) },
          { targetType: 'expert', targetId: String(experts[0]) },
        ],
      }).sort({ at: 1, _id: 1 }),
  ],
  [
    'reconcileOutbox',
    () =>
      OutboxEmail.find({ status: 'pending', createdAt: { $lte: days(-1) } })
        .sort({ createdAt: 1, _id: 1 })
        .limit(200),
  ],
  [
    'listFailedEmails',
    () => OutboxEmail.find({ status: 'failed' }).sort({ updatedAt: -1, _id: -1 }).limit(10),
  ],
  ['travelOverridesVersion', () => TravelOverride.findOne().sort({ updatedAt: -1 }).select('updatedAt')],
  ['listTravelOverrides', () => TravelOverride.find().sort({ from: 1, to: 1 })],
  ['latestBatchRuns', () => BatchRun.find().sort({ createdAt: -1, _id: -1 }).limit(10)],
  ['candidate snapshots of needs', () => CandidateSnapshot.find({ needId: { $in: needs } })],
];

const MODELS: { syncIndexes(): Promise<unknown> }[] = [
  Organisation,
  Expert,
  Need,
  Match,
  User,
  OutboxEmail,
  AuditEntry,
  TravelOverride,
  BatchRun,
  Nomination,
  ApiToken,
  CandidateSnapshot,
];

(onMongod ? describe : describe.skip)('query plans on mongod', () => {
  beforeAll(async () => {
    await connectMongo(testConfig());
    await Promise.all(MODELS.map((m) => m.syncIndexes()));
    await seed();
  }, 60_000);
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => {});
    await mongoose.disconnect();
  });

  test.each(QUERIES)(
    'when %s is explained, then no stage of the winning plan is a COLLSCAN',
    async (_name, query) => {
      const stages = planStages(winningPlan(await query().explain('queryPlanner')));
      expect(stages.length).toBeGreaterThan(0);
      expect({ stages, collscan: stages.includes('COLLSCAN') }).toEqual({ stages, collscan: false });
    },
  );

  // Lists that still scan without a filter (sorts a coordinator rarely picks): an index each is the next step.
  test.todo('listExperts, staff, sorted by createdAt or yearsOfExperience without a filter');
  test.todo('listNeeds, staff, sorted by title or period.from without a filter');
});
