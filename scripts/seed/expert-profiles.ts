import type { AssistedExpertInput } from '../../src/modules/experts/experts.schemas';
import { fieldOf } from '../../src/modules/taxonomy/taxonomy.service';
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
  if (a.technician) return rng.pick<Mode[]>([['onsite', 'periodic'], ['onsite'], ['periodic']]);
  return rng.weighted<Mode[]>([
    [['periodic', 'remote'], 35],
    [['onsite', 'periodic'], 25],
    [['periodic'], 15],
    [['remote'], 8],
    [['onsite', 'periodic', 'remote'], 17],
  ]);
}

function titleFor(rng: Rng, a: Archetype): Pick<AssistedExpertInput, 'title' | 'skillLevel'> {
  if (a.technician) return { skillLevel: rng.chance(0.6) ? 'senior_technician' : 'technician' };
  const level = rng.chance(0.42) ? 'full_senior' : 'associate_senior';
  return { title: { level, series: a.series } };
}

const fill = (template: string, county: string) =>
  template.replace('{c}', shortCountyName(county)).replace('{p}', prefectureShortName(county));

/** One retired expert's profile, as a coordinator would enter it with their consent given in person. */
export function buildExpertProfile(rng: Rng, index: number, archetype?: Archetype): AssistedExpertInput {
  const a = archetype ?? rng.weighted(ARCHETYPES.map((x) => [x, x.weight] as const));
  const femaleShare = a.field === 'health' || a.field === 'education' || a.key === 'crafts' ? 0.5 : 0.25;
  const gender = rng.chance(femaleShare) ? 'female' : 'male';
  const birthYear = rng.int(1950, 1966);
  const county = pickCounty(rng);
  const skills = rng.sample(a.skills, rng.int(1, 3));
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
    ...titleFor(rng, a),
    fields,
    skills,
    honours: honoursFor(rng, a.honourKind, county, birthYear),
    yearsOfExperience: retiredAt - rng.int(19, 24),
    languages,
    preferredLanguage: rng.chance(0.03) ? 'en' : 'zh-CN',
    modes,
    availability: {
      windows: windows(rng),
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
    title: { level: 'full_senior', series: 'health' },
    fields: ['health'],
    skills: ['health.cardiology', 'health.geriatrics'],
    modes: ['onsite', 'periodic', 'remote'],
    availability: { windows: [{ from: '2026-12-01', to: '2027-12-31' }], daysPerMonth: 10, maxConcurrent: 2 },
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
    title: { level: 'full_senior', series: 'agriculture' },
    honours: [FLAGSHIP_HONOUR, ...(base.honours ?? []).filter((h) => h.level !== 'provincial')],
  };
}
