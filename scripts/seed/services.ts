import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import {
  fileRequest,
  moveRequest,
  type RequestAction,
  rateRequest,
} from '../../src/modules/services/service-requests.service';
import { actorOf, DEMO_PASSWORD } from './accounts';

/** Staff of two service units, with the demo password: they see their own queue. */
export const DEMO_UNIT_LOGINS = {
  housing: { email: 'demo-unit-housing@example.com', name: '区住建委 人才公寓 张老师' },
  health: { email: 'demo-unit-health@example.com', name: '区卫健委 医政科 刘老师' },
} as const;

const DAY = 86_400_000;

/** One story per request: the service, its facts, how old it is, and the steps taken since. */
const STORIES: Array<{
  code: string;
  /** The facts, given the China date of filing (dates ahead of it are the service's future dates). */
  facts: (filed: string) => Record<string, string | number>;
  daysAgo: number;
  steps: RequestAction[];
  rate?: number;
}> = [
  {
    code: 'talent-apartment',
    facts: (filed) => ({ arrivalDate: addDays(filed, 14), months: 6, occupants: 2, needsLift: 'yes' }),
    daysAgo: 1,
    steps: [],
  },
  {
    code: 'annual-health-check',
    facts: (filed) => ({ preferredDate: addDays(filed, 10), hospital: 'central' }),
    daysAgo: 2,
    steps: ['accept'],
  },
  {
    code: 'medical-insurance-filing',
    facts: (filed) => ({
      insuredPlace: '湖北省恩施市',
      insuranceType: 'employee',
      stayUntil: addDays(filed, 210),
    }),
    daysAgo: 3,
    steps: ['accept', 'start'],
  },
  {
    code: 'station-pickup',
    facts: (filed) => ({ date: addDays(filed, 1), place: 'railway', trainOrFlight: 'D5127', passengers: 2 }),
    daysAgo: 20,
    steps: ['accept', 'start', 'complete'],
    rate: 5,
  },
  {
    code: 'child-school-place',
    facts: () => ({ childName: '向小雨', birthDate: '2019-05-02', stage: 'primary' }),
    daysAgo: 12,
    steps: ['refuse'],
  },
  { code: 'meal-card', facts: () => ({ canteen: 'government', months: 6 }), daysAgo: 4, steps: ['withdraw'] },
  // Overdue: filed weeks ago and still open, so the sweep escalates them to the office.
  {
    code: 'title-recognition',
    facts: () => ({ titleName: '主任医师', province: '湖北省', level: 'full_senior', year: 2008 }),
    daysAgo: 45,
    steps: ['accept'],
  },
  {
    code: 'travel-reimbursement',
    facts: (filed) => ({
      tripDate: addDays(filed, -10),
      fromPlace: '恩施',
      mode: 'train',
      amount: 168,
      invoiceNo: 'E2026052001',
    }),
    daysAgo: 30,
    steps: [],
  },
];

/**
 * The talent-service desk of the demo: the catalogue, unit staff, and requests in every state (some
 * overdue) filed by the coordinator for experts, as the service functions would.
 */
export async function seedServices(ctx: Context, coordinator: Actor, now: Date) {
  const added = await seedCatalogue();
  const units: Record<string, Actor> = {};
  for (const [unitCode, login] of Object.entries(DEMO_UNIT_LOGINS)) {
    const user = await createUser({
      email: login.email,
      password: DEMO_PASSWORD,
      role: 'service_unit',
      unitCode,
      displayName: login.name,
    });
    await User.updateOne({ _id: user._id }, { $set: { emailVerifiedAt: now } });
    units[unitCode] = actorOf(user, { unitCode });
  }
  // The desk serves experts who have accepted or started an engagement.
  const engaged = await Match.find({ status: { $in: ['accepted', 'engaged'] } })
    .select('expertId')
    .lean();
  const experts = await Expert.find({ _id: { $in: engaged.map((m) => m.expertId) }, status: 'active' })
    .sort({ _id: 1 })
    .limit(STORIES.length)
    .select('_id')
    .lean();
  let requests = 0;
  for (const [i, story] of STORIES.entries()) {
    const expertId = experts[i % Math.max(1, experts.length)]?._id;
    if (!expertId) break;
    const at = new Date(now.getTime() - story.daysAgo * DAY);
    const filed = await fileRequest(
      ctx,
      coordinator,
      { serviceCode: story.code, expertId: String(expertId), facts: story.facts(chinaToday(at)) },
      at,
    );
    const handler = units[filed.unitCode] ?? coordinator;
    for (const [k, action] of story.steps.entries()) {
      const when = new Date(at.getTime() + (k + 1) * 3_600_000);
      const reason =
        action === 'refuse'
          ? '该校本学期学位已满，已推荐邻近学校'
          : action === 'withdraw'
            ? '已在服务单位食堂就餐'
            : undefined;
      await moveRequest(ctx, action === 'withdraw' ? coordinator : handler, filed.id, action, reason, when);
    }
    if (story.rate) await rateRequest(coordinator, filed.id, story.rate, '接站准时，很贴心', now);
    requests++;
  }
  return { services: added, requests };
}
