import type { Context } from '../../context';
import {
  type EngineNeed,
  type ExcludedExplanation,
  explainEach,
  type FilterName,
  type ScoredExplanation,
} from '../ranking/engine';
import { toEngineNeed } from '../ranking/engine-mapping';
import type { CallRecord } from './call.model';

export type Verdict = ScoredExplanation | ExcludedExplanation;

/**
 * What an expert must meet to apply: the expertise the call asks for (field, must-have skills, minimum
 * level), and not having paused. Travel, availability and places are the office's to weigh on the
 * shortlist, where the explanation names them.
 */
const TO_APPLY: ReadonlySet<FilterName> = new Set(['field', 'mustHave', 'level', 'paused']);

/** The call as the engine sees a need for one expert: its expertise, place, mode and period. */
export function engineNeedOf(call: CallRecord): EngineNeed {
  return toEngineNeed({
    _id: call._id,
    organisationId: call.organisationId,
    county: call.county,
    field: call.field,
    mustHaveSkills: call.mustHaveSkills,
    mustHaveMatch: call.mustHaveMatch === 'exact' ? 'exact' : 'sub_field',
    niceToHaveSkills: call.niceToHaveSkills,
    minTitleLevel: call.minTitleLevel,
    minTitleSeries: call.minTitleSeries,
    minSkillLevel: call.minSkillLevel,
    mode: call.mode,
    period: call.period,
    daysPerMonth: call.daysPerMonth,
    expertsWanted: 1,
    priority: false,
  });
}

/** Whether the engine's verdict lets the expert apply (see TO_APPLY). */
export const mayApply = (verdict: Verdict | undefined): boolean =>
  verdict !== undefined && (!verdict.excluded || verdict.reasons.every((r) => !TO_APPLY.has(r.filter)));

/**
 * One expert against several calls, as the coordinator's candidate explanation says it: a score with
 * each factor's share, or every requirement that excludes them. Empty when the engine cannot place the
 * expert (no county yet, or their data deleted).
 */
export async function verdictsFor(
  ctx: Context,
  expertId: string,
  calls: readonly CallRecord[],
): Promise<Verdict[] | undefined> {
  const store = await ctx.experts.current();
  if (store.side.slotOf(expertId) === undefined) return undefined;
  return explainEach(store, calls.map(engineNeedOf), expertId);
}

/** Each expert against one call (the shortlist); undefined for an expert the engine cannot place. */
export async function verdictsOn(
  ctx: Context,
  call: CallRecord,
  expertIds: readonly string[],
): Promise<Array<Verdict | undefined>> {
  const store = await ctx.experts.current();
  const need = engineNeedOf(call);
  return expertIds.map((id) =>
    store.side.slotOf(id) === undefined ? undefined : explainEach(store, [need], id)[0],
  );
}
