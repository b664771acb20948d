import { Types } from 'mongoose';
import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { createUser } from '../../src/modules/accounts/users.service';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { rejectOrganisation, verifyOrganisation } from '../../src/modules/organisations/verification.service';
import { actorOf, DEMO_LOGINS } from './accounts';
import { type CodeKind, creditCode } from './credit-codes';
import { mobilePhone, personName } from './names';
import { ORGANISATIONS, type OrganisationSeed } from './organisations.data';
import type { Rng } from './prng';

const KIND: Record<OrganisationSeed['type'], CodeKind> = {
  enterprise: '91',
  cooperative: '93',
  hospital: '12',
  school: '12',
  research_institute: '12',
  public_unit: '11',
};

export interface SeededOrganisation {
  id: string;
  seed: OrganisationSeed;
  employer: Actor;
}

/**
 * Each organisation with its contact's employer account, as a sign-up leaves them (pending), then
 * verified or rejected by the coordinator through the verification service (audit lines included).
 * The first one is the demo employer's hospital.
 */
export async function seedOrganisations(
  ctx: Context,
  rng: Rng,
  coordinator: Actor,
): Promise<SeededOrganisation[]> {
  const out: SeededOrganisation[] = [];
  for (const [i, seed] of ORGANISATIONS.entries()) {
    const demo = i === 0;
    const contactName = demo
      ? DEMO_LOGINS.employer.name
      : personName(rng, rng.chance(0.5) ? 'female' : 'male');
    const email = demo ? DEMO_LOGINS.employer.email : `employer${String(i + 1).padStart(2, '0')}@example.com`;
    const id = new Types.ObjectId();
    await Organisation.create({
      _id: id,
      name: seed.name,
      type: seed.type,
      creditCode: creditCode(rng, KIND[seed.type], seed.county),
      county: seed.county,
      address: seed.address,
      description: seed.description,
      contact: { name: contactName, phone: mobilePhone(rng), email },
      status: 'pending',
    });
    const user = await createUser({
      email,
      role: 'employer',
      displayName: contactName,
      organisationId: String(id),
    });
    if (seed.status === 'verified') await verifyOrganisation(ctx, coordinator, String(id));
    if (seed.status === 'rejected') {
      await rejectOrganisation(
        ctx,
        coordinator,
        String(id),
        '营业执照上的名称与统一社会信用代码不一致，请核对后重新提交。',
      );
    }
    out.push({ id: String(id), seed, employer: actorOf(user, { organisationId: String(id) }) });
  }
  return out;
}
