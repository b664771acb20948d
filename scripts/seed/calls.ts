import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';
import { CreateCallBody } from '../../src/modules/calls/call.schemas';
import {
  applyToCall,
  callForApplications,
  shortlistApplication,
} from '../../src/modules/calls/call-applications.service';
import { mayApply, verdictsOn } from '../../src/modules/calls/call-fit';
import { closeCall, createCall, publishCall } from '../../src/modules/calls/calls.service';
import { findMatchableExperts, getExpertRecords } from '../../src/modules/experts/expert-records.service';
import type { SeededOrganisation } from './organisations';

/** An application the demo files: alone, or leading a team of the next best applicants. */
interface ApplicationSeed {
  plan: string;
  members: number;
  shortlist?: boolean;
}

interface CallSeed {
  organisation: string;
  /** The call's fields; `applyBy` and `period` are set from the seed's date. */
  call: Omit<CreateCallBody, 'applyBy' | 'period' | 'organisationId'>;
  applications: readonly ApplicationSeed[];
  /** The employer closed applications early: the call waits for the employer's choice. */
  closeEarly?: boolean;
}

/** Open calls (揭榜挂帅) of verified employers of the district, with what experts have put forward. */
const CALLS: readonly CallSeed[] = [
  {
    organisation: '黔江区金溪猕猴桃种植专业合作社',
    call: {
      title: '猕猴桃溃疡病防控技术攻关',
      problem:
        '合作社两千余亩红心猕猴桃近三年溃疡病逐年加重，去年冬春发病株率超过三成，部分园区整片减产。现有防治以喷药为主，效果不稳定，缺少适合本地山地小气候的综合防控办法。',
      goals: '两年内把发病株率降到一成以下；形成一套社员照着就能做的防控规程。',
      deliverables: '溃疡病综合防控技术规程；百亩示范园；社员培训不少于四期；每年一份防控效果评估报告。',
      reward: '揭榜经费 30 万元（区科技局揭榜挂帅专项），分两期拨付；在金溪镇安排住宿。',
      field: 'agriculture.fruit_trees',
      mustHaveSkills: ['agriculture.fruit_trees.kiwifruit'],
      mustHaveMatch: 'exact',
      niceToHaveSkills: ['agriculture.plant_protection.ipm', 'agriculture.fruit_trees.orchard_management'],
      minTitleLevel: 'associate_senior',
      minTitleSeries: 'agriculture',
      mode: 'periodic',
      county: '500114',
      daysPerMonth: 6,
    },
    applications: [
      {
        plan: '组建三人团队：本人负责病原监测和药剂轮换方案，两位队员分别负责整形修剪、冬季清园和社员培训。第一年在金溪镇建百亩示范园，逐月记录发病情况；第二年推广到全社。',
        members: 2,
        shortlist: true,
      },
      {
        plan: '以抗病砧木嫁接和避雨栽培为主，配合冬季清园，先在三十亩园区试验，每月到园指导六天。',
        members: 0,
      },
    ],
    closeEarly: true,
  },
  {
    organisation: '黔江区民族职业教育中心',
    call: {
      title: '土家族织锦（西兰卡普）非遗工艺创新',
      problem:
        '学校开设了织锦专业方向，但传统西兰卡普纹样繁复、挑织耗时长，学生作品难以做成文创产品；缺少既懂传统技艺又懂产品开发的老师傅。',
      goals:
        '整理传统纹样一百种以上，改良出适合小批量生产的织法，开发三到五款文创产品，带出一批能独立织造的学生。',
      deliverables: '纹样图谱；改良工艺教程；文创样品；传习班两期。',
      reward: '揭榜奖励 12 万元，另按月发放授课补贴。',
      field: 'rural.ethnic_crafts',
      mustHaveSkills: ['rural.ethnic_crafts.tujia_brocade'],
      mustHaveMatch: 'exact',
      niceToHaveSkills: ['culture.intangible_heritage.listing'],
      minSkillLevel: 'technician',
      mode: 'periodic',
      county: '500114',
      daysPerMonth: 8,
    },
    applications: [
      {
        plan: '从老辈传下的“台台花”“四十八勾”等纹样入手整理图谱；改良挑织工序，先开发围巾、挂饰等小件；每周到校授课两天。',
        members: 0,
      },
    ],
  },
  {
    organisation: '石柱县黄连种植专业合作社',
    call: {
      title: '中药材（黄连）标准化种植',
      problem: '林下黄连种植周期长达五年，根腐病多发，各户遮阴、施肥做法不一，药材质量参差，收购价上不去。',
      goals: '建立统一的标准化种植技术，根腐病发病率降低一半，药材有效成分达到药典标准以上。',
      deliverables: '黄连标准化种植技术规程；两百亩示范基地；产地初加工规范；社员培训。',
      reward: '揭榜经费 20 万元；示范基地增收部分按约定比例奖励。',
      field: 'agriculture.medicinal_herbs',
      mustHaveSkills: ['agriculture.medicinal_herbs.coptis'],
      mustHaveMatch: 'exact',
      niceToHaveSkills: ['agriculture.medicinal_herbs.primary_processing'],
      minTitleLevel: 'associate_senior',
      minTitleSeries: 'agriculture',
      mode: 'periodic',
      county: '500240',
    },
    applications: [],
  },
];

const expertActor = (expertId: string): Actor => ({
  userId: expertId,
  role: 'expert',
  expertId,
  via: 'session',
});

/** Experts who may apply to the call (as the engine says), best fit first. */
async function applicantsFor(ctx: Context, coordinator: Actor, callId: string): Promise<string[]> {
  const call = await callForApplications(coordinator, callId);
  const pool = await findMatchableExperts({ codes: call.mustHaveSkills });
  const ids = pool.map((e) => String(e._id));
  const verdicts = await verdictsOn(ctx, call, ids);
  const score = (k: number) => {
    const v = verdicts[k];
    return v && !v.excluded ? v.score : 0;
  };
  return ids
    .map((id, k) => ({ id, k }))
    .filter(({ k }) => mayApply(verdicts[k]))
    .sort((a, b) => score(b.k) - score(a.k))
    .map(({ id }) => id);
}

/**
 * Open calls from verified employers, each posted and published by the employer's own account, with
 * applications from experts who meet them (alone, or as a team whose lead names its members by their
 * registered mobile numbers) and one shortlisted by the office; one call closed early, waiting for the
 * employer's choice. All through the same services the pages call.
 */
export async function seedCalls(
  ctx: Context,
  orgs: readonly SeededOrganisation[],
  coordinator: Actor,
  now: Date,
): Promise<{ calls: number; applications: number }> {
  const today = chinaToday(now);
  let calls = 0;
  let applications = 0;
  for (const seed of CALLS) {
    const org = orgs.find((o) => o.seed.name === seed.organisation && o.seed.status === 'verified');
    if (!org) continue;
    const body = CreateCallBody.parse({
      ...seed.call,
      applyBy: addDays(today, 30),
      period: { from: addDays(today, 45), to: addDays(today, 45 + 730) },
    });
    const { id: callId } = await createCall(org.employer, body);
    await publishCall(ctx, org.employer, callId);
    calls++;
    const free = await applicantsFor(ctx, coordinator, callId);
    for (const application of seed.applications) {
      const team = free.splice(0, 1 + application.members);
      if (team.length < 1 + application.members) break;
      const [leadId, ...memberIds] = team;
      // the lead names the members as they know them: by the mobile number (or email) they registered
      const memberContacts = (await getExpertRecords(memberIds)).map((e) => e.phone ?? e.email ?? '');
      const applied = await applyToCall(ctx, expertActor(leadId), callId, {
        plan: application.plan,
        memberContacts,
      });
      if (application.shortlist) await shortlistApplication(ctx, coordinator, callId, applied.id);
      applications++;
    }
    if (seed.closeEarly) await closeCall(ctx, org.employer, callId);
  }
  return { calls, applications };
}
