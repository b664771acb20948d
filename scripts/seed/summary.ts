import { User } from '../../src/modules/accounts/user.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Nomination } from '../../src/modules/organisations/nomination.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { DEMO_LOGINS, DEMO_PASSWORD } from './accounts';

async function countBy(model: typeof Need | typeof Match | typeof Organisation, key: string) {
  const rows = await (model as typeof Need).aggregate<{ _id: string; n: number }>([
    { $group: { _id: `$${key}`, n: { $sum: 1 } } },
    { $sort: { _id: 1 } },
  ]);
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

/** What the database holds now, by status: printed by `npm run seed` and `npm run dev`. */
export async function summarise() {
  return {
    users: await User.countDocuments(),
    experts: await Expert.countDocuments(),
    organisations: await countBy(Organisation, 'status'),
    needs: await countBy(Need, 'status'),
    matches: await countBy(Match, 'status'),
    nominations: await Nomination.countDocuments({ status: 'active' }),
  };
}
export type SeedSummary = Awaited<ReturnType<typeof summarise>> & { created: boolean };

/** Lines for the console: the counts and the demo logins. */
export function describe(summary: SeedSummary): string[] {
  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    summary.created ? 'Demo data loaded:' : 'Demo data already present (nothing added):',
    `  experts ${summary.experts}, accounts ${summary.users}, active nominations ${summary.nominations}`,
    `  organisations: ${fmt(summary.organisations)}`,
    `  needs: ${fmt(summary.needs)}`,
    `  matches: ${fmt(summary.matches)}`,
  ];
}

export function loginLines(): string[] {
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...Object.entries(DEMO_LOGINS).map(([role, l]) => `  ${role.padEnd(12)} ${l.email}  (${l.name})`),
  ];
}
