import type { Config } from '../../src/lib/config';
import { User } from '../../src/modules/accounts/user.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { hasDemoData, seedDemoData } from '../seed/index';
import { describe } from '../seed/summary';

/**
 * Loads the demo data set into an empty database; a database with the demo data, or with anything
 * else, is left alone (someone's own data is never mixed with the demo's). Returns lines to print.
 */
export async function loadDemoDataIfEmpty(config: Readonly<Config>): Promise<string[]> {
  if (await hasDemoData()) return ['Demo data: already loaded.'];
  const empty = !(await User.exists({})) && !(await Expert.exists({})) && !(await Organisation.exists({}));
  if (!empty)
    return ['Demo data: not loaded (the database already holds other data; `npm run seed` adds it).'];
  return describe(await seedDemoData({ config }));
}
