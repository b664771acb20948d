/**
 * Plain input types of the matching engine. Callers map the people API's records and the workflow's
 * history onto these; the engine never reads a database. Ids are strings at this boundary.
 */

/** Engagement modes: on-site long term, periodic visits (days per month), remote consulting. */
export type EngagementMode = 'onsite' | 'periodic' | 'remote';

/** Integer day number: whole days since 1970-01-01 (UTC). */
export type DayNumber = number;

/** A county-level division (GB/T 2260 code, e.g. '500114' 黔江区) and its centre point. */
export interface EngineRegion {
  code: string;
  lat: number;
  lng: number;
}

/** One node of the skill taxonomy: a field (no parent) → sub-field → skill. */
export interface EngineTaxonomyNode {
  code: string;
  parent?: string;
}

/** Professional title: level 4 正高级, 3 副高级, 2 中级, 1 初级, with its series (health, engineering, ...). */
export interface EngineTitle {
  level: number;
  series?: string;
}

export interface EngineDateWindow {
  from: DayNumber;
  to: DayNumber;
}

/** One engagement of the expert (active or completed), with the employer's rating 1–5 once completed. */
export interface EngineEngagement {
  employerId: string;
  needId?: string;
  status: 'active' | 'completed';
  rating?: number;
}

/** One offer made to the expert. Declined or rejected offers exclude the expert from that need. */
export interface EngineOffer {
  needId: string;
  status: 'pending' | 'declined' | 'rejected';
}

export interface EngineExpert {
  id: string;
  regionCode: string;
  /** Taxonomy codes the expert holds, at any depth (skill, sub-field or field). */
  skills: string[];
  title?: EngineTitle;
  /** Skill level: 5 高级技师, 4 技师, 3 高级工, 2 中级工, 1 初级工. */
  skillLevel?: number;
  honours?: string[];
  yearsExperience: number;
  /** Modes the expert accepts; `preferredMode` (one of them) earns the mode-preference feature. */
  modes: EngagementMode[];
  preferredMode?: EngagementMode;
  availability: {
    windows: EngineDateWindow[];
    blockedDates?: DayNumber[];
    daysPerMonth: number;
    maxConcurrent: number;
    paused?: boolean;
  };
  /** Willingness to travel: a maximum in hours and/or named region codes (always acceptable). */
  travel: { maxHours?: number; regions?: string[] };
  engagements?: EngineEngagement[];
  offers?: EngineOffer[];
}

export interface EngineNeed {
  id: string;
  employerId: string;
  regionCode: string;
  mustHaveSkills: string[];
  niceToHaveSkills?: string[];
  /** Extra field codes accepted besides the fields of the skills named. */
  fields?: string[];
  /** Minimum title (level, optionally within a series) and/or minimum skill level: either named one suffices. */
  minTitle?: EngineTitle;
  minSkillLevel?: number;
  mode: EngagementMode;
  period: EngineDateWindow;
  daysPerMonth?: number;
  /** Experts wanted (k). */
  wanted: number;
  /** Key-enterprise nomination: weighs more in batch assignment only. */
  priority?: boolean;
}

export type Localized = { 'zh-CN': string; en: string };

export type FilterName =
  | 'field'
  | 'level'
  | 'mode'
  | 'availability'
  | 'travel'
  | 'capacity'
  | 'paused'
  | 'declined';

export type FeatureName =
  | 'mustHaveSkills'
  | 'niceToHaveSkills'
  | 'level'
  | 'honours'
  | 'experience'
  | 'travelTime'
  | 'crossRegion'
  | 'availabilityFit'
  | 'modePreference'
  | 'continuity'
  | 'loadBalance'
  | 'feedback';

/** One feature's share of a score: points = value × weight (rounded to 0.001); points add up to the score. */
export interface Contribution {
  feature: FeatureName;
  value: number;
  weight: number;
  points: number;
  reason: Localized;
}

export interface FilterFailure {
  filter: FilterName;
  reason: Localized;
}

export interface ScoredExplanation {
  excluded: false;
  expertId: string;
  score: number;
  contributions: Contribution[];
}

export interface ExcludedExplanation {
  excluded: true;
  expertId: string;
  reasons: FilterFailure[];
}
