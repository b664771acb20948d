/**
 * The shape of the ranking evaluation set: experts and needs as a coordinator of the district talent
 * office would note them down — skills in the words people write, counties by name, titles by their
 * names — plus, per need, who the coordinator expects near the top and who must not be proposed at all.
 * eval-set.ts resolves the words through the taxonomy and regions modules and fails on any it cannot.
 */

/** Dates are YYYY-MM-DD; a span [from, to] includes both days. */
export type Span = readonly [from: string, to: string];

/** 驻点 on-site long term, 定期 periodic visits (days per month), 远程 remote consulting. */
export type ModeName = '驻点' | '定期' | '远程';

export type HonourLevelName = '国家级' | '省级' | '市级' | '区县级' | '行业';

export type TitleLevelName = '正高级' | '副高级' | '中级' | '初级';

/** 职称系列 a need may insist on. */
export type TitleSeriesName = '卫生' | '工程' | '农业' | '教育' | '经济' | '会计';

export interface EvalExpert {
  /** E001, E002, … */
  key: string;
  name: string;
  /** Where the expert lives: a county-level name (黔江区, 酉阳县 …) or its GB/T 2260 code. */
  county: string;
  /** Former post, in the coordinator's words; read by people only. */
  note?: string;
  /** 职称 by name (主任医师, 高级农艺师 …). */
  title?: string;
  /** 职业技能等级 by name (高级技师 …), with the trade (数控车工, 焊工 …). */
  skillLevel?: string;
  trade?: string;
  /** Skills and specialities as written (冠心病介入, 猕猴桃栽培 …): each must resolve in the taxonomy. */
  skills: readonly string[];
  /** Free words from the profile's "other keywords" box: weak evidence only. */
  keywords?: string;
  honours?: readonly HonourLevelName[];
  years: number;
  modes: readonly ModeName[];
  prefers?: ModeName;
  /** Default: all of 2027. */
  available?: readonly Span[];
  /** Periods the expert is away (travel, family, health check …). */
  blocked?: readonly Span[];
  /** Default 8. */
  daysPerMonth?: number;
  /** Default 2. */
  maxConcurrent?: number;
  /** Current engagements with their dates; only those overlapping a need's period take a place. */
  engagements?: readonly { employer: string; from: string; to: string }[];
  /** Willingness to travel: hours one way and/or named counties. Default: 4 hours. */
  travel?: { hours?: number; counties?: readonly string[] };
  /** The expert's pause switch. */
  paused?: boolean;
}

/** 'exact': the must-have skill itself; 'sub_field' (default): any skill of the same sub-field. */
export type MustHaveMatch = 'exact' | 'sub_field';

export interface EvalNeed {
  /** N01, N02, … */
  key: string;
  title: string;
  /** The area of the brief this need belongs to (医疗卫生, 农业 …): the set must cover at least eight. */
  area: string;
  employer: string;
  county: string;
  /** The need's field, at any taxonomy level (a sub-field such as 心血管内科 requires that sub-field). */
  field: string;
  mustHave: readonly string[];
  mustHaveMatch?: MustHaveMatch;
  niceToHave?: readonly string[];
  minTitle?: TitleLevelName;
  titleSeries?: TitleSeriesName;
  /** 高级技师, 技师 …: with minTitle, either one suffices. */
  minSkillLevel?: string;
  mode: ModeName;
  period: Span;
  daysPerMonth?: number;
  /** Default 1. */
  wanted?: number;
  /** Experts the coordinator expects in the top 5, each with the reason. */
  expected: Readonly<Record<string, string>>;
  /** Experts who must not be ranked at all, each with the reason. */
  excluded: Readonly<Record<string, string>>;
  /** Pairs [higher, lower, reason]: the first must rank above the second when both are ranked. */
  above?: readonly (readonly [higher: string, lower: string, reason: string])[];
}
