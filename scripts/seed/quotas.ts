import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { Match } from '../../src/modules/matches/match.model';
import { Need, type NeedStatus } from '../../src/modules/needs/need.model';
import { nominate } from '../../src/modules/organisations/nomination.service';
import { currentQuotaYear, grantQuota } from '../../src/modules/organisations/quota.service';
import type { SeededOrganisation } from './organisations';

/**
 * Key enterprises get their year's talent-service quota from the admin, then spend some of it
 * through the nomination service (ledger lines and need priority flags as in real use): a priority
 * need each, and an exclusive expert where they engage one.
 */
const NOMINATABLE: NeedStatus[] = ['open', 'matching', 'partially_filled'];

export async function seedQuotas(ctx: Context, admin: Actor, orgs: SeededOrganisation[]) {
  const year = currentQuotaYear();
  let granted = 0;
  let nominations = 0;
  for (const org of orgs.filter((o) => o.seed.quota && o.seed.status === 'verified')) {
    await grantQuota(admin, org.id, year, org.seed.quota ?? 0);
    granted++;
    const need = await Need.findOne({ organisationId: org.id, status: { $in: NOMINATABLE }, priority: false })
      .sort({ _id: 1 })
      .select('_id')
      .lean();
    if (need) {
      await nominate(ctx, org.employer, org.id, { kind: 'priority_need', needId: String(need._id) });
      nominations++;
    }
    const engaged = await Match.findOne({ organisationId: org.id, status: 'engaged' })
      .select('expertId')
      .lean();
    if (engaged && org.seed.type === 'enterprise') {
      await nominate(ctx, org.employer, org.id, {
        kind: 'exclusive_expert',
        expertId: String(engaged.expertId),
      });
      nominations++;
    }
  }
  return { year, keyEnterprises: granted, nominations };
}
