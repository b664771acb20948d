import type { HONOUR_LEVELS } from '../../src/modules/experts/expert-levels';
import type { Archetype } from './archetypes';
import { prefectureShortName, provinceName } from './places';
import type { Rng } from './prng';

type HonourLevel = (typeof HONOUR_LEVELS)[number];
export interface Honour {
  name: string;
  level: HonourLevel;
  year: number;
}

/**
 * Honours by kind of expert. Chongqing is a province-level municipality, so its 市级 honours count as
 * provincial; 州/地级市 honours are municipal; a county's (区/县) are district.
 */
const NATIONAL: Record<Archetype['honourKind'], readonly string[]> = {
  health: ['享受国务院政府特殊津贴专家', '全国卫生系统先进工作者', '全国五一劳动奖章'],
  agriculture: ['全国农牧渔业丰收奖一等奖', '全国农业先进个人', '享受国务院政府特殊津贴专家'],
  education: ['全国优秀教师', '全国模范教师'],
  skill: ['全国技术能手', '全国劳动模范', '中华技能大奖'],
  engineering: ['享受国务院政府特殊津贴专家', '全国劳动模范'],
  general: ['全国劳动模范', '全国五一劳动奖章'],
};

const PROVINCIAL: Record<Archetype['honourKind'], readonly string[]> = {
  health: ['{s}名中医', '{s}医学领军人才', '{s}科技进步奖二等奖'],
  agriculture: ['{s}科技进步奖一等奖', '{s}农业技术推广奖', '{s}乡村振兴先进个人'],
  education: ['{s}优秀教师', '{s}特级教师', '{s}教学成果奖一等奖'],
  skill: ['{s}首席技师', '{s}技能大师工作室领办人', '{s}劳动模范'],
  engineering: ['{s}科技进步奖一等奖', '{s}优秀工程师', '{s}劳动模范'],
  general: ['{s}劳动模范', '{s}三八红旗手', '{s}优秀共产党员'],
};

const LOCAL = ['{m}拔尖人才', '{m}优秀专业技术人才', '{m}劳动模范', '{m}优秀科技工作者'];
const INDUSTRY = [
  '全国农技推广系统先进个人',
  '中国茶叶学会优秀科技工作者',
  '中华中医药学会优秀会员',
  '行业技术标兵',
];

function one(rng: Rng, kind: Archetype['honourKind'], county: string, birthYear: number): Honour {
  const year = rng.int(Math.max(1988, birthYear + 35), 2024);
  const level = rng.weighted<HonourLevel>([
    ['national', 1],
    ['provincial', 4],
    ['municipal', 4],
    ['district', 2],
    ['industry', 1],
  ]);
  const province = provinceName(county);
  const prefecture = prefectureShortName(county);
  const chongqing = province === '重庆市';
  if (level === 'national') return { name: rng.pick(NATIONAL[kind]), level, year };
  if (level === 'provincial')
    return { name: rng.pick(PROVINCIAL[kind]).replace('{s}', province), level, year };
  if (level === 'industry') return { name: rng.pick(INDUSTRY), level, year };
  // In Chongqing the level below the municipality is the county (区/县) itself.
  const local = rng.pick(LOCAL).replace('{m}', prefecture);
  return { name: local, level: chongqing ? 'district' : level, year };
}

/** Most experts have none, a third one, a few two or three. */
export function honoursFor(rng: Rng, kind: Archetype['honourKind'], county: string, birthYear: number) {
  const count = rng.weighted([
    [0, 55],
    [1, 32],
    [2, 10],
    [3, 3],
  ] as const);
  const out: Honour[] = [];
  for (let i = 0; i < count; i++) {
    const h = one(rng, kind, county, birthYear);
    if (!out.some((o) => o.name === h.name)) out.push(h);
  }
  return out.sort((a, b) => a.year - b.year);
}

/** The article's own: a first prize of the Chongqing Science and Technology Progress Award. */
export const FLAGSHIP_HONOUR: Honour = { name: '重庆市科技进步奖一等奖', level: 'provincial', year: 2012 };
