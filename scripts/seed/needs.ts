import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { Need } from '../../src/modules/needs/need.model';
import { CreateNeedBody } from '../../src/modules/needs/need.schemas';
import { createNeed } from '../../src/modules/needs/need.service';
import { cancelNeed } from '../../src/modules/needs/need-status.service';
import { NEED_TEMPLATES } from './needs.data';
import type { SeededOrganisation } from './organisations';
import type { Rng } from './prng';

export interface SeededNeed {
  id: string;
  key: string;
  org: SeededOrganisation;
  status: 'draft' | 'open' | 'cancelled';
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

function period(rng: Rng) {
  const fromMonth = rng.int(1, 4);
  const months = rng.int(3, 9);
  const toMonth = Math.min(12, fromMonth + months);
  return { from: `2027-${pad(fromMonth)}-01`, to: `2027-${pad(toMonth)}-${toMonth === 2 ? 28 : 30}` };
}

/**
 * One need per template an organisation names, posted by its employer through the needs service
 * (validated by the API's schema). Needs of verified organisations are published, a few kept as
 * drafts (never the demo hospital's) and one cancelled; the others stay drafts until their organisation
 * is verified.
 * Publishing writes status and openedAt directly: the service would also queue a ranking, which the
 * seed does itself for the needs it builds matches on (see matches.ts).
 */
export async function seedNeeds(rng: Rng, orgs: SeededOrganisation[], now: Date): Promise<SeededNeed[]> {
  const out: SeededNeed[] = [];
  for (const org of orgs) {
    for (const key of org.seed.needs) {
      const t = NEED_TEMPLATES[key];
      const body = CreateNeedBody.parse({
        title: t.title,
        description: t.description,
        field: t.field,
        mustHaveSkills: [...t.must],
        mustHaveMatch: t.exact ? 'exact' : 'sub_field',
        niceToHaveSkills: [...(t.nice ?? [])],
        minTitleLevel: t.minTitle,
        minTitleSeries: t.series,
        minSkillLevel: t.minSkill,
        mode: t.mode,
        county: org.seed.county,
        period: period(rng),
        daysPerMonth: t.mode === 'onsite' ? 20 : t.mode === 'periodic' ? rng.int(4, 10) : undefined,
        expertsWanted: rng.weighted([
          [1, 60],
          [2, 30],
          [3, 10],
        ] as const),
        offer: {
          stipendPerMonth: t.stipend,
          housing: t.mode !== 'remote' && rng.chance(0.6),
          travel: t.mode !== 'remote' && rng.chance(0.7),
          other: rng.chance(0.3) ? '提供工作餐' : undefined,
        },
        employerApproval: rng.chance(0.3),
      });
      const need = await createNeed(org.employer, body);
      // The demo hospital's needs are always published: the demo's offer and engagement are on them.
      const publish = org.seed.status === 'verified' && (rng.chance(0.88) || org === orgs[0]);
      if (publish) {
        const openedAt = new Date(now.getTime() - rng.int(3, 80) * DAY);
        await Need.updateOne({ _id: need.id, status: 'draft' }, { $set: { status: 'open', openedAt } });
      }
      out.push({ id: need.id, key, org, status: publish ? 'open' : 'draft' });
    }
  }
  return out;
}

/** One published need the employer withdrew, through the status service. */
export async function cancelOne(ctx: Context, needs: SeededNeed[], coordinator: Actor): Promise<void> {
  const victim = needs.filter((n) => n.status === 'open').at(-1);
  if (!victim) return;
  await cancelNeed(ctx, coordinator, victim.id);
  victim.status = 'cancelled';
}
