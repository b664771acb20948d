import type { Context } from '../../src/context';
import { createStaff, DEMO_LOGINS, DEMO_PASSWORD, hasDemoData, setDemoPassword } from './accounts';
import { seedApartments } from './apartments';
import { seedCalls } from './calls';
import { seedExperts } from './experts';
import { seedInterests } from './interests';
import { seedLiaisons } from './liaisons';
import { type MatchPlan, rankOnly, seedMatchesFor } from './matches';
import { cancelOne, type SeededNeed, seedNeeds } from './needs';
import { seedOrganisations } from './organisations';
import { createRng } from './prng';
import { seedQuotas } from './quotas';
import { seedServices } from './services';
import { summarise } from './summary';

export type { SeedSummary } from './summary';
export { DEMO_LOGINS, DEMO_PASSWORD, hasDemoData };

export interface SeedOptions {
  /** The process's context: ranking and the workflow steps run on it. */
  ctx: Context;
  /** Same seed, same data set. */
  seed?: number;
  experts?: number;
  now?: Date;
}

/** Outcomes for the published needs beyond the demo hospital's, in order of the needs. */
const STORIES: Array<Pick<MatchPlan, 'outcomes' | 'close'>> = [
  { outcomes: ['completed'], close: true },
  { outcomes: ['completed', 'engaged'] },
  { outcomes: ['engaged'] },
  { outcomes: ['declined', 'proposed'] },
  { outcomes: ['expired', 'offered'] },
  { outcomes: ['rejected', 'proposed'] },
  { outcomes: ['cancelled', 'offered'] },
  { outcomes: ['engaged', 'engaged'] },
  { outcomes: ['proposed', 'proposed'] },
  { outcomes: ['offered'] },
  { outcomes: ['completed'], close: true },
  { outcomes: ['engaged'] },
];

/** Of the published needs, every other one without a story is ranked; the rest wait as "open". */
function plan(needs: SeededNeed[], demoExpertId: string) {
  const open = needs.filter((n) => n.status === 'open');
  const [demoOrg, ...others] = [...new Set(open.map((n) => n.org))];
  const demo = open.filter((n) => n.org === demoOrg);
  const plans: MatchPlan[] = [];
  if (demo[0]) plans.push({ need: demo[0], outcomes: ['offered', 'proposed'], preferExpertId: demoExpertId });
  if (demo[1]) plans.push({ need: demo[1], outcomes: ['engaged', 'awaiting_employer'] });
  // One story per organisation first, so the stories spread over many employers.
  const pool = others.map((org) => open.find((n) => n.org === org) as SeededNeed);
  STORIES.forEach((story, i) => {
    if (pool[i]) plans.push({ need: pool[i], ...story });
  });
  const planned = new Set(plans.map((p) => p.need));
  const rest = open.filter((n) => !planned.has(n));
  return { plans, rankOnly: rest.filter((_, i) => i % 2 === 0), rest };
}

/**
 * Loads the demo data set into the connected database (see README "Demo"). Idempotent: a database
 * that already holds the demo admin is left as it is. Returns what is there afterwards.
 */
export async function seedDemoData(options: SeedOptions) {
  if (await hasDemoData()) return { created: false, ...(await summarise()) };
  const rng = createRng(options.seed ?? 20260114);
  const now = options.now ?? new Date();
  const { admin, coordinator } = await createStaff();
  const experts = await seedExperts(rng, coordinator, options.experts ?? 360);
  const orgs = await seedOrganisations(options.ctx, rng, coordinator);
  const needs = await seedNeeds(rng, orgs, now);
  const { plans, rankOnly: toRank, rest } = plan(needs, experts.demoExpertId);
  for (const p of plans) await seedMatchesFor(options.ctx, p, coordinator, now);
  await rankOnly(
    options.ctx,
    toRank.map((n) => n.id),
  );
  await seedInterests(
    options.ctx,
    toRank.map((n) => n.id),
  );
  await seedCalls(options.ctx, orgs, coordinator, now);
  await cancelOne(options.ctx, rest, coordinator);
  await seedQuotas(options.ctx, admin, orgs);
  await seedApartments(options.ctx, coordinator, experts.demoExpertId, now);
  await seedServices(options.ctx, coordinator, now);
  await seedLiaisons(admin, coordinator, now);
  for (const email of [DEMO_LOGINS.expert.email, DEMO_LOGINS.employer.email]) await setDemoPassword(email);
  return { created: true, ...(await summarise()) };
}
