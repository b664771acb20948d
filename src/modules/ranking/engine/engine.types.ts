/**
 * Plain input types of the matching engine. Callers map the people API's records and the workflow's
 * history onto these; the engine never reads a database. Ids are strings at this boundary.
 */

/** Engagement modes: on-site long term, periodic visits (days per month), remote consulting. */
export type EngagementMode = 'onsite' | 'periodic' | 'remote';

/** Integer day number: whole days since 1970-01-01 (UTC). */
export type DayNumber = number;

/**
 * A county-level division (GB/T 2260 code, e.g. '500114' 黔江区), its centre point, and the prefecture and
 * province it belongs to (for the cross-region classes; taken from the code's digits when absent).
 */
export interface EngineRegion {
  code: string;
  lat: number;
  lng: number;
  prefecture?: string;
  province?: string;
}

export type Localized = { 'zh-CN': string; en: string };

/** One node of the skill taxonomy: a field (no parent) → sub-field → skill; the label names it in reasons. */
export interface EngineTaxonomyNode {
  code: string;
  parent?: string;
  label?: Localized;
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

/**
 * One engagement of the expert (active or completed), with the employer's rating 1–5 once completed. An
 * active engagement holds one of the expert's places during its period (always, when no period is known).
 */
export interface EngineEngagement {
  employerId: string;
  needId?: string;
  status: 'active' | 'completed';
  rating?: number;
  period?: EngineDateWindow;
}

/**
 * One offer made to the expert. A pending offer holds a place during its period, like an engagement;
 * declined or rejected offers exclude the expert from that need.
 */
export interface EngineOffer {
  needId: string;
  status: 'pending' | 'declined' | 'rejected';
  period?: EngineDateWindow;
}

export interface EngineExpert {
  id: string;
  regionCode: string;
  /** Taxonomy codes the expert holds, at any depth (skill, sub-field or field). */
  skills: string[];
  /** Codes found only in the expert's free-text keywords: weaker evidence than a recorded skill. */
  keywordSkills?: string[];
  title?: EngineTitle;
  /** Skill level: 5 高级技师, 4 技师, 3 高级工, 2 中级工, 1 初级工. */
  skillLevel?: number;
  honours?: string[];
  yearsExperience: number;
  /** Modes the expert accepts; `preferredModes` (some of them; none stated = neutral) earn the mode-preference feature. */
  modes: EngagementMode[];
  preferredModes?: EngagementMode[];
  availability: {
    windows: EngineDateWindow[];
    blockedDates?: DayNumber[];
    blockedPeriods?: EngineDateWindow[];
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
  /** Required: each one held exactly, or (mustHaveMatch 'subField', the default) any skill of its sub-field. */
  mustHaveSkills: string[];
  mustHaveMatch?: MustHaveMatch;
  niceToHaveSkills?: string[];
  /** The need's field at any taxonomy level (field, sub-field or skill): the expert holds one of them. */
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
  /**
   * Experts (ids) who said they are interested in this need. The interest feature applies when there is
   * one; an interest only orders and marks, it never meets a requirement.
   */
  interested?: readonly string[];
}

export type MustHaveMatch = 'exact' | 'subField';

export type FilterName =
  | 'field'
  | 'mustHave'
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
  | 'feedback'
  | 'interest';

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

/** Something the coordinator should weigh although every requirement is met. */
export type NoteKind = 'weakEvidence' | 'travelOverLimit';

export interface CandidateNote {
  kind: NoteKind;
  reason: Localized;
}

export interface ScoredExplanation {
  excluded: false;
  expertId: string;
  score: number;
  contributions: Contribution[];
  notes: CandidateNote[];
}

export interface ExcludedExplanation {
  excluded: true;
  expertId: string;
  reasons: FilterFailure[];
}

/**
 * Matching weights and parameters of one version. A score is Σ weight × value over the features that
 * apply to the need, each value normalised to [0, 1]; the weights of the features that apply are scaled
 * to add up to 100, so a score lies on 0–100 whichever apply.
 */
export interface EngineConfig {
  version: string;
  /** Versions before v3 have no interest weight (counted as 0). */
  weights: Record<Exclude<FeatureName, 'interest'>, number> & { interest?: number };
  /** Taxonomy closeness when a need's skill is not held exactly: same sub-field, same field. */
  closeness: { sameSubField: number; sameField: number };
  /** Evidence found only in free-text keywords counts this fraction of a recorded skill's closeness. */
  keywordEvidence: number;
  /**
   * Fallback travel time when no road matrix is given: haversine distance × roadFactor ÷ speedKmh; the
   * travel feature falls linearly to 0 at scaleMinutes.
   */
  travel: { roadFactor: number; speedKmh: number; scaleMinutes: number };
  /** A trip up to this fraction over the expert's limit is kept (and flagged); 0 = a hard cut. */
  travelTolerance: number;
  /** Cross-region policy bonus (value 0–1) by class between the expert's county and the need's. */
  crossRegionBonus: {
    sameCounty: number;
    samePrefecture: number;
    otherPrefecture: number;
    otherProvince: number;
  };
  /** Honours and years of experience count up to these caps. */
  honoursCap: number;
  yearsCap: number;
  /** Feedback value for an expert without any rating yet (ratings map 1→0, 5→1). */
  feedbackNeutral: number;
  /** Mode-preference value when the expert states no preferred mode. */
  modeNoPreference: number;
  /** Continuity: an earlier engagement with the same employer rated at least this. */
  continuityMinRating: number;
  /** Batch assignment: edges of priority (key-enterprise) needs weigh this many times more. */
  priorityFactor: number;
}
