import { regionIndex } from '../../../src/modules/regions/regions.data';
import {
  isWithin,
  resolveSkillLevelName,
  resolveTerm,
  resolveTitleName,
  resolveTradeName,
} from '../../../src/modules/taxonomy/taxonomy.service';
import type {
  EvalExpert,
  EvalNeed,
  HonourLevelName,
  ModeName,
  Span,
  TitleLevelName,
  TitleSeriesName,
} from './eval-set.types';
import { AGRICULTURE_EXPERTS } from './experts-agriculture';
import { HEALTH_EXPERTS } from './experts-health';
import { INDUSTRY_EXPERTS } from './experts-industry';
import { SOCIETY_EXPERTS } from './experts-society';
import { AGRICULTURE_NEEDS } from './needs-agriculture';
import { HEALTH_NEEDS } from './needs-health';
import { INDUSTRY_NEEDS } from './needs-industry';
import { SOCIETY_NEEDS } from './needs-society';

/**
 * Turns the coordinator's notes into record-shaped objects (what the experts and needs collections hold),
 * resolving every written term through the taxonomy and every county through the regions data. Nothing
 * is guessed: every term, title or county that does not resolve is collected, and loading fails with the
 * whole list, each naming its record.
 */

export const EVAL_EXPERTS: readonly EvalExpert[] = [
  ...HEALTH_EXPERTS,
  ...AGRICULTURE_EXPERTS,
  ...INDUSTRY_EXPERTS,
  ...SOCIETY_EXPERTS,
];
export const EVAL_NEEDS: readonly EvalNeed[] = [
  ...HEALTH_NEEDS,
  ...AGRICULTURE_NEEDS,
  ...INDUSTRY_NEEDS,
  ...SOCIETY_NEEDS,
];

/** The lookups the loader depends on; the taxonomy service's by default. */
export interface Resolvers {
  term(text: string): string | undefined;
  title(name: string): { level: string; series?: string } | undefined;
  trade(name: string): string | undefined;
  skillLevel(name: string): string | undefined;
  within(code: string, ancestor: string): boolean;
}

export const taxonomyResolvers: Resolvers = {
  term: (text) => resolveTerm(text)?.code,
  title: (name) => resolveTitleName(name),
  trade: (name) => resolveTradeName(name)?.code,
  skillLevel: (name) => resolveSkillLevelName(name),
  within: (code, ancestor) => isWithin(code, ancestor),
};

export class EvalSetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the evaluation set does not resolve (${problems.length}):\n  ${problems.join('\n  ')}`);
    this.name = 'EvalSetError';
  }
}

const MODES: Record<ModeName, 'onsite' | 'periodic' | 'remote'> = {
  驻点: 'onsite',
  定期: 'periodic',
  远程: 'remote',
};
const HONOURS: Record<HonourLevelName, string> = {
  国家级: 'national',
  省级: 'provincial',
  市级: 'municipal',
  区县级: 'district',
  行业: 'industry',
};
const TITLE_LEVEL: Record<TitleLevelName, string> = {
  正高级: 'full_senior',
  副高级: 'associate_senior',
  中级: 'intermediate',
  初级: 'junior',
};
const TITLE_SERIES: Record<TitleSeriesName, string> = {
  卫生: 'health',
  工程: 'engineering',
  农业: 'agriculture',
  教育: 'education',
  经济: 'economics',
  会计: 'accounting',
};

const WHOLE_2027: readonly Span[] = [['2027-01-01', '2027-12-31']];

/** An engaged match as the matches collection holds it, with the engagement's dates. */
export interface EngagementLike {
  needId: string;
  organisationId: string;
  status: 'engaged';
  rating?: number;
  period: { from: string; to: string };
}

export interface LoadedExpert {
  key: string;
  name: string;
  /** Shaped like an ExpertRecord (the fields the mapping reads); `_id` is the key. */
  record: Record<string, unknown>;
  matches: EngagementLike[];
}

export interface LoadedNeed {
  source: EvalNeed;
  /** Shaped like a NeedRecord; `_id` is the key. */
  record: Record<string, unknown>;
}

export interface LoadedSet {
  experts: LoadedExpert[];
  needs: LoadedNeed[];
}

/** 黔江区 (exact), 酉阳县 (酉阳土家族苗族自治县: same stem and kind), or a GB/T 2260 code. */
export function resolveCounty(text: string): { code?: string; problem?: string } {
  const all = [...regionIndex.regions.values()];
  if (/^\d{6}$/.test(text)) {
    return regionIndex.regions.has(text) ? { code: text } : { problem: `unknown county code ${text}` };
  }
  let found = all.filter((r) => r.name === text);
  if (found.length === 0 && /^.{2,}[区县市]$/.test(text)) {
    const stem = text.slice(0, -1);
    const kind = text.slice(-1);
    found = all.filter((r) => r.name.startsWith(stem) && r.name.endsWith(kind));
  }
  if (found.length === 1) return { code: found[0].code };
  if (found.length === 0) return { problem: `unknown county "${text}"` };
  return { problem: `ambiguous county "${text}": ${found.map((r) => `${r.name} ${r.code}`).join(', ')}` };
}

const words = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[、，,；;\s]+/)
    .map((w) => w.trim())
    .filter(Boolean);

function loadExpert(e: EvalExpert, r: Resolvers, problems: string[]): LoadedExpert {
  const who = `${e.key} ${e.name}`;
  const county = resolveCounty(e.county);
  if (county.problem) problems.push(`${who}: ${county.problem}`);
  const skills: string[] = [];
  for (const term of e.skills) {
    const code = r.term(term);
    if (code) skills.push(code);
    else problems.push(`${who}: skill term "${term}" does not resolve`);
  }
  let title: { level: string; series?: string } | undefined;
  if (e.title) {
    title = r.title(e.title);
    if (!title) problems.push(`${who}: title "${e.title}" does not resolve`);
  }
  let skillLevel: string | undefined;
  if (e.skillLevel) {
    skillLevel = r.skillLevel(e.skillLevel);
    if (!skillLevel) problems.push(`${who}: skill level "${e.skillLevel}" does not resolve`);
  }
  if (e.trade && !r.trade(e.trade)) problems.push(`${who}: trade "${e.trade}" does not resolve`);
  const travelRegions: string[] = [];
  for (const name of e.travel?.counties ?? []) {
    const c = resolveCounty(name);
    if (c.code) travelRegions.push(c.code);
    else problems.push(`${who}: travel county: ${c.problem}`);
  }
  const blocked = e.blocked ?? [];
  const record = {
    _id: e.key,
    name: e.name,
    residenceCounty: county.code,
    homeCounty: county.code,
    status: 'active',
    title: title && e.title ? { name: e.title, level: title.level, series: title.series } : undefined,
    skillLevel,
    tradeName: e.trade,
    fields: [],
    skills: [...new Set(skills)],
    tags: words(e.keywords),
    honours: (e.honours ?? []).map((h) => ({ level: HONOURS[h] })),
    yearsOfExperience: e.years,
    modes: e.modes.map((m) => MODES[m]),
    preferredModes: e.prefers ? [MODES[e.prefers]] : [],
    availability: {
      windows: (e.available ?? WHOLE_2027).map(([from, to]) => ({ from, to })),
      blockedDates: [],
      blockedPeriods: blocked.map(([from, to]) => ({ from, to })),
      daysPerMonth: e.daysPerMonth ?? 8,
      maxConcurrent: e.maxConcurrent ?? 2,
      paused: e.paused === true,
    },
    travel: e.travel ? { maxHours: e.travel.hours, regions: travelRegions } : { maxHours: 4, regions: [] },
  };
  const matches = (e.engagements ?? []).map(
    (g, i): EngagementLike => ({
      needId: `${e.key}-engagement-${i + 1}`,
      organisationId: g.employer,
      status: 'engaged',
      period: { from: g.from, to: g.to },
    }),
  );
  return { key: e.key, name: e.name, record, matches };
}

function loadNeed(n: EvalNeed, r: Resolvers, problems: string[]): LoadedNeed {
  const which = `${n.key} ${n.title}`;
  const county = resolveCounty(n.county);
  if (county.problem) problems.push(`${which}: ${county.problem}`);
  const field = r.term(n.field);
  if (!field) problems.push(`${which}: field term "${n.field}" does not resolve`);
  const codes = (terms: readonly string[] | undefined, what: string) =>
    (terms ?? []).flatMap((term) => {
      const code = r.term(term);
      if (!code) problems.push(`${which}: ${what} term "${term}" does not resolve`);
      return code ? [code] : [];
    });
  const mustHave = codes(n.mustHave, 'must-have');
  const niceToHave = codes(n.niceToHave, 'nice-to-have');
  // A must-have outside the need's own field can never be met: the note or the taxonomy is wrong.
  for (const code of field ? mustHave : []) {
    if (!r.within(code, field as string) && !r.within(field as string, code)) {
      problems.push(`${which}: must-have ${code} lies outside the need's field ${field}`);
    }
  }
  let minSkillLevel: string | undefined;
  if (n.minSkillLevel) {
    minSkillLevel = r.skillLevel(n.minSkillLevel);
    if (!minSkillLevel) problems.push(`${which}: skill level "${n.minSkillLevel}" does not resolve`);
  }
  const record = {
    _id: n.key,
    organisationId: n.employer,
    title: n.title,
    field,
    mustHaveSkills: mustHave,
    mustHaveMatch: n.mustHaveMatch ?? 'sub_field',
    niceToHaveSkills: niceToHave,
    minTitleLevel: n.minTitle ? TITLE_LEVEL[n.minTitle] : undefined,
    minTitleSeries: n.titleSeries ? TITLE_SERIES[n.titleSeries] : undefined,
    minSkillLevel,
    mode: MODES[n.mode],
    county: county.code,
    period: { from: n.period[0], to: n.period[1] },
    daysPerMonth: n.daysPerMonth,
    expertsWanted: n.wanted ?? 1,
    priority: false,
    status: 'open',
  };
  return { source: n, record };
}

/** Resolves the whole set; throws EvalSetError listing every term, title or county that does not. */
export function loadEvalSet(resolvers: Resolvers = taxonomyResolvers): LoadedSet {
  const problems: string[] = [];
  const experts = EVAL_EXPERTS.map((e) => loadExpert(e, resolvers, problems));
  const needs = EVAL_NEEDS.map((n) => loadNeed(n, resolvers, problems));
  if (problems.length > 0) throw new EvalSetError(problems);
  return { experts, needs };
}
