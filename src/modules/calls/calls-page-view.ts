import { type FieldErrors, list, num, required, text, toRows } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import type { CandidateProfile } from '../experts/candidate-profiles';
import { factorRows } from '../ranking/candidate-page-view';
import type { ApplicationView } from './call.schemas';
import { MAX_TEAM_MEMBERS } from './call.schemas';

type Body = Record<string, unknown>;

/**
 * The call form's title field is `callTitle`, so that its label says "call" rather than "need" (the
 * service's `title` is the need's label); everything else is named by the service input's path.
 */
const TITLE_FIELD = 'callTitle';

/** The call form → the calls service's input. */
export function callInput(body: Body) {
  return {
    title: required(body, TITLE_FIELD),
    problem: required(body, 'problem'),
    goals: required(body, 'goals'),
    deliverables: required(body, 'deliverables'),
    reward: required(body, 'reward'),
    applyBy: text(body, 'applyBy'),
    field: text(body, 'field'),
    mustHaveSkills: list(body, 'mustHaveSkills'),
    mustHaveMatch: text(body, 'mustHaveMatch'),
    minTitleLevel: text(body, 'minTitleLevel'),
    minTitleSeries: text(body, 'minTitleSeries'),
    minSkillLevel: text(body, 'minSkillLevel'),
    mode: text(body, 'mode'),
    county: text(body, 'county'),
    period: { from: text(body, 'period.from'), to: text(body, 'period.to') },
    daysPerMonth: num(body, 'daysPerMonth'),
  };
}

/** The service's errors on `title` belong to the form's `callTitle`. */
export function callFormErrors(errors: FieldErrors): FieldErrors {
  const { title, ...rest } = errors;
  return title ? { ...rest, [TITLE_FIELD]: title } : rest;
}

/** The team member boxes of the apply form: memberContacts.0 … .3. */
export const MEMBER_ROWS = Array.from({ length: MAX_TEAM_MEMBERS }, (_, i) => `memberContacts.${i}`);

/**
 * The apply form → the service's input: the mobile numbers or emails typed in the member boxes, blank
 * boxes left out; `rowOf[i]` is the box of member i, so an error about a member goes back beside its box.
 */
export function applyInput(body: Body) {
  const memberContacts: string[] = [];
  const rowOf: number[] = [];
  MEMBER_ROWS.forEach((name, row) => {
    const contact = text(body, name);
    if (contact === undefined) return;
    memberContacts.push(contact);
    rowOf.push(row);
  });
  return { input: { plan: required(body, 'plan'), memberContacts }, rowOf };
}

export const applyFormErrors = (errors: FieldErrors, rowOf: readonly number[]) =>
  toRows(errors, 'memberContacts', rowOf);

/**
 * The office's applications: each lead's fit in the words of the coordinator's candidate list — the
 * score with every factor's bar, or the requirements that exclude them.
 */
export function officeApplicationRows(items: readonly ApplicationView[], lang: PageLanguage) {
  return items.map((a) => {
    const fit = a.fit ?? null;
    return {
      ...a,
      teamSize: a.members.length + 1,
      scored: fit && !fit.excluded ? Math.round(fit.score * 10) / 10 : null,
      factors: fit && !fit.excluded ? factorRows(fit.contributions, lang) : [],
      notes: fit && !fit.excluded ? fit.notes.map((n) => n.reason[lang] || n.reason['zh-CN']) : [],
      excludedBy: fit?.excluded ? fit.reasons.map((r) => r.reason[lang] || r.reason['zh-CN']) : [],
      unplaced: fit === null,
      canShortlist: a.status === 'submitted',
    };
  });
}

/** The employer's shortlist: the plan, the team's size and the lead's professional standing, no contacts. */
export function employerApplicationRows(
  items: readonly ApplicationView[],
  profiles: ReadonlyMap<string, CandidateProfile>,
) {
  return items.map((a) => ({
    id: a.id,
    status: a.status,
    plan: a.plan,
    teamSize: a.members.length + 1,
    leadName: a.lead.name,
    profile: profiles.get(a.lead.expertId) ?? null,
    canChoose: a.status === 'shortlisted',
  }));
}
