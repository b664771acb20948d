/**
 * Professional titles (职称), skill levels (职业技能等级) and the other closed vocabularies of a profile.
 * Levels are listed from highest to lowest, so "at least X" is a prefix of the list.
 */

/** 正高级, 副高级, 中级, 初级. */
export const TITLE_LEVELS = ['full_senior', 'associate_senior', 'intermediate', 'junior'] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

/** Title series (职称系列); "other" covers the rarer series until they are worth naming. */
export const TITLE_SERIES = [
  'health',
  'engineering',
  'agriculture',
  'education',
  'economics',
  'accounting',
  'research',
  'law',
  'culture',
  'journalism',
  'social_work',
  'other',
] as const;

/** 高级技师, 技师, 高级工, 中级工, 初级工. */
export const SKILL_LEVELS = [
  'senior_technician',
  'technician',
  'senior_worker',
  'intermediate_worker',
  'junior_worker',
] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const HONOUR_LEVELS = ['national', 'provincial', 'municipal', 'district', 'industry'] as const;
export const ENGAGEMENT_MODES = ['onsite', 'periodic', 'remote'] as const;
export const GENDERS = ['female', 'male'] as const;
export const EXPERT_STATUSES = ['active', 'paused', 'deleted'] as const;
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];

export const CONSENT_KINDS = ['profile', 'health'] as const;
export const CONSENT_CHANNELS = ['web', 'in-person'] as const;

/** The levels that meet a minimum: atLeast(TITLE_LEVELS, 'associate_senior') → full and associate senior. */
export function atLeast<T extends string>(levels: readonly T[], minimum: T): T[] {
  return levels.slice(0, levels.indexOf(minimum) + 1);
}

/** Numeric rank for the matching engine: 4 正高级 … 1 初级 (5 高级技师 … 1 初级工); 0 when absent. */
export function levelRank<T extends string>(levels: readonly T[], level: T | null | undefined): number {
  const i = level ? levels.indexOf(level) : -1;
  return i < 0 ? 0 : levels.length - i;
}
