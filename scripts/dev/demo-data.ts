import type { Context } from '../../src/context';
import { User } from '../../src/modules/accounts/user.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { findMatchableNeeds } from '../../src/modules/needs/matchable.service';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { enqueueRank } from '../../src/modules/ranking/ranking.jobs';
import { hasDemoData, seedDemoData } from '../seed/index';
import { describe } from '../seed/summary';

/** `DEMO_DATA=0` (or "false", "no", "off") starts without the demo data; anything else, or unset, loads it. */
export function demoDataWanted(value: string | undefined): boolean {
  return !/^(0|false|no|off)$/i.test(value?.trim() ?? '');
}

/**
 * Loads the demo data set into an empty database; a database with the demo data, or with anything
 * else, is left alone (someone's own data is never mixed with the demo's). Returns lines to print.
 */
export async function loadDemoDataIfEmpty(ctx: Context): Promise<string[]> {
  if (await hasDemoData()) return ['Demo data: already loaded.'];
  const empty = !(await User.exists({})) && !(await Expert.exists({})) && !(await Organisation.exists({}));
  if (!empty)
    return ['Demo data: not loaded (the database already holds other data; `npm run seed` adds it).'];
  const lines = describe(await seedDemoData({ ctx }));
  // Rank every open need now, so their candidate lists are there at once (not at the nightly batch).
  const needs = await findMatchableNeeds();
  for (const need of needs) await enqueueRank(ctx, String(need._id), 'demo data loaded');
  return [...lines, `Ranking ${needs.length} open needs in the background.`];
}
