import type { AssistedExpertInput } from '../../src/modules/experts/experts.schemas';
import { fieldOf, getNode, resolveTradeName } from '../../src/modules/taxonomy/taxonomy.service';
import { ARCHETYPES, type Archetype } from './archetypes';
import { FLAGSHIP_HONOUR, honoursFor } from './honours';
import { mobilePhone, personName } from './names';
import { BORDER_COUNTIES, pickCounty, prefectureShortName, shortCountyName } from './places';
import type { Rng } from './prng';

type Mode = 'onsite' | 'periodic' | 'remote';
export const CONSENT_VERSION = 'profile-2026-01';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Windows in 2026–2027: most experts are free for most of 2027, some in two stretches. */
function windows(rng: Rng) {
  const startMonth = rng.int(12, 16); // Dec 2026 … Apr 2027
  const from = startMonth === 12 ? day(2026, 12, 1) : day(2027, startMonth - 12, 1);
  if (rng.chance(0.2)) {
    return [
      { from, to: day(2027, 6, 30) },
      { from: day(2027, 9, 1), to: day(2027, 12, 31) },
    ];
  }
  return [{ from, to: day(2027, rng.int(8, 12), 28) }];
}

function modesFor(rng: Rng, a: Archetype): Mode[] {
  if (a.trades) return rng.pick<Mode[]>([['onsite', 'periodic'], ['onsite'], ['periodic']]);
  return rng.weighted<Mode[]>([
    [['periodic', 'remote'], 35],
    [['onsite', 'periodic'], 25],
    [['periodic'], 15],
    [['remote'], 8],
    [['onsite', 'periodic', 'remote'], 17],
  ]);
}

/** Half the experts say which of their modes they prefer: mostly periodic visits, some remote. */
function preferredModesFor(rng: Rng, modes: Mode[]): Mode[] {
  if (modes.length < 2 || !rng.chance(0.5)) return [];
  const order: Mode[] = rng.chance(0.7) ? ['periodic', 'remote', 'onsite'] : ['remote', 'onsite', 'periodic'];
  return [order.find((m) => modes.includes(m)) as Mode];
}

/** Title by name (主任医师 …) for professionals; skill level and trade (数控车工 …) for skilled workers. */
function titleFor(rng: Rng, a: Archetype): Pick<AssistedExpertInput, 'title' | 'skillLevel' | 'tradeName'> {
  const senior = rng.chance(a.seniorShare);
  if (!a.titles) {
    return {
      skillLevel: senior ? 'senior_technician' : 'technician',
      ...(a.trades ? { tradeName: rng.pick(a.trades) } : {}),
    };
  }
  return { title: { name: rng.pick(senior ? a.titles[0] : a.titles[1]) } };
}

/** Each of the archetype's skills with its share, and the skill of the trade; at least one specific skill. */
function skillsFor(rng: Rng, a: Archetype, tradeName: string | null | undefined): string[] {
  const held = a.skills.filter(([, share]) => rng.chance(share)).map(([code]) => code);
  const trade = tradeName ? resolveTradeName(tradeName)?.code : undefined;
  const skills = [...new Set([...(trade ? [trade] : []), ...held])].slice(0, 6);
  // Everyone names at least one specific skill, not only a sub-field.
  return skills.some((c) => getNode(c)?.level === 3) ? skills : [a.skills[0][0], ...skills];
}

/**
 * Some experts block a stretch of time they cannot serve: the Spring Festival at home, a planned
 * operation, a season looking after grandchildren.
 */
function blockedPeriodsFor(rng: Rng) {
  if (!rng.chance(0.22)) return [];
  return [
    rng.pick([
      { from: '2027-01-30', to: '2027-02-14' },
      { from: '2027-05-01', to: '2027-05-31' },
      { from: '2027-07-10', to: '2027-08-25' },
      { from: '2027-03-15', to: '2027-04-10' },
      { from: '2027-10-01', to: '2027-10-15' },
    ]),
  ];
}

const fill = (template: string, county: string) =>
  template.replace('{c}', shortCountyName(county)).replace('{p}', prefectureShortName(county));

/** One retired expert's profile, as a coordinator would enter it with their consent given in person. */
export function buildExpertProfile(rng: Rng, index: number, archetype?: Archetype): AssistedExpertInput {
  const a = archetype ?? rng.weighted(ARCHETYPES.map((x) => [x, x.weight] as const));
  const femaleShare =
    a.field === 'health' || a.field === 'education' || ['crafts', 'elderly-care'].includes(a.key)
      ? 0.5
      : 0.25;
  const gender = rng.chance(femaleShare) ? 'female' : 'male';
  const birthYear = rng.int(1950, 1966);
  const county = pickCounty(rng);
  const level = titleFor(rng, a);
  const skills = skillsFor(rng, a, level.tradeName);
  const fields = [...new Set([a.field, ...skills.map((s) => fieldOf(s)?.code ?? a.field)])];
  const modes = modesFor(rng, a);
  const retiredAt = gender === 'female' ? rng.int(55, 60) : 60;
  const languages = ['普通话'];
  if (rng.chance(0.12)) languages.push('土家语');
  if (rng.chance(0.08)) languages.push('英语');
  const name = personName(rng, gender);
  return {
    email: `expert${String(index).padStart(3, '0')}@example.com`,
    name,
    consent: { textVersion: CONSENT_VERSION, accepted: true },
    birthYear,
    gender,
    phone: mobilePhone(rng),
    homeCounty: rng.chance(0.85) ? county : rng.pick(BORDER_COUNTIES),
    residenceCounty: county,
    formerEmployer: fill(rng.pick(a.employers), county),
    position: rng.pick(a.positions),
    ...level,
    fields,
    skills,
    tags: rng.sample(a.tags, rng.int(2, 4)),
    honours: honoursFor(rng, a.honourKind, county, birthYear),
    yearsOfExperience: retiredAt - rng.int(19, 24),
    languages,
    preferredLanguage: rng.chance(0.03) ? 'en' : 'zh-CN',
    modes,
    preferredModes: preferredModesFor(rng, modes),
    availability: {
      windows: windows(rng),
      blockedPeriods: blockedPeriodsFor(rng),
      daysPerMonth: rng.int(4, 16),
      maxConcurrent: rng.weighted([
        [1, 50],
        [2, 35],
        [3, 15],
      ] as const),
      ...(rng.chance(0.04) ? { paused: true, pauseReason: '家中有事，春节后再接任务' } : {}),
    },
    travel: {
      maxHours: rng.weighted([
        [1, 10],
        [2, 30],
        [3, 30],
        [4, 20],
        [6, 10],
      ] as const),
      regions: rng.sample(BORDER_COUNTIES, rng.int(0, 3)),
      remoteOk: modes.includes('remote'),
    },
    ...(rng.chance(0.4)
      ? {
          expectations: {
            text: rng.pick([
              '希望交通食宿由单位安排',
              '每月集中几天到现场指导',
              '以线上指导为主，必要时到现场',
            ]),
            stipendPerMonthYuan: rng.int(2, 8) * 1000,
          },
        }
      : {}),
  };
}

/** The demo expert: a Qianjiang cardiologist the demo hospital's need will find and offer to. */
export function demoExpertProfile(rng: Rng, email: string): AssistedExpertInput {
  const cardiology = ARCHETYPES.find((a) => a.key === 'cardiology') as Archetype;
  const base = buildExpertProfile(rng, 0, cardiology);
  return {
    ...base,
    email,
    name: '向德明',
    gender: 'male',
    birthYear: 1961,
    homeCounty: '500114',
    residenceCounty: '500114',
    formerEmployer: '黔江区人民医院',
    position: '心内科主任',
    title: { name: '主任医师' },
    fields: ['health'],
    skills: [
      'health.cardiology.coronary_intervention',
      'health.cardiology.coronary_disease',
      'health.cardiology.heart_failure',
      'health.cardiology.hypertension',
      'health.geriatrics.multimorbidity',
    ],
    tags: ['胸痛中心建设', '冠脉介入带教', '心衰随访管理'],
    modes: ['onsite', 'periodic', 'remote'],
    preferredModes: ['periodic'],
    availability: {
      windows: [{ from: '2026-12-01', to: '2027-12-31' }],
      blockedPeriods: [{ from: '2027-01-30', to: '2027-02-14' }],
      daysPerMonth: 10,
      maxConcurrent: 2,
    },
    travel: { maxHours: 4, regions: ['500242', '500243'], remoteOk: true },
    honours: [{ name: '享受国务院政府特殊津贴专家', level: 'national', year: 2015 }],
  };
}

/** The article's first-prize winner: a Qianjiang fruit-tree researcher. */
export function flagshipExpertProfile(rng: Rng, index: number): AssistedExpertInput {
  const fruit = ARCHETYPES.find((a) => a.key === 'fruit') as Archetype;
  const base = buildExpertProfile(rng, index, fruit);
  return {
    ...base,
    residenceCounty: '500114',
    homeCounty: '500114',
    formerEmployer: '黔江区农业科学研究所',
    position: '猕猴桃栽培研究员',
    title: { name: '农业技术推广研究员' },
    skills: [
      'agriculture.fruit_trees.kiwifruit',
      'agriculture.fruit_trees.orchard_management',
      'agriculture.plant_protection.ipm',
    ],
    tags: ['红心猕猴桃', '溃疡病防控', '标准化果园'],
    honours: [FLAGSHIP_HONOUR, ...(base.honours ?? []).filter((h) => h.level !== 'provincial')],
  };
}
