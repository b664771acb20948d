import { Types } from 'mongoose';
import type { Actor } from '../../src/lib/actor';
import { User } from '../../src/modules/accounts/user.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { consentRecord, newProfileDocument } from '../../src/modules/experts/expert-profile-write';
import { AssistedExpertBody, type AssistedExpertInput } from '../../src/modules/experts/experts.schemas';
import { DEMO_LOGINS } from './accounts';
import { buildExpertProfile, demoExpertProfile, flagshipExpertProfile } from './expert-profiles';
import type { Rng } from './prng';

/**
 * Experts as a coordinator registers them in person (AssistedExpertBody, consent recorded as given
 * in person), written in bulk: the same documents createAssistedExpert writes, without a password
 * hash or an audit line per expert, so some hundreds load in well under a second.
 */
export async function seedExperts(rng: Rng, coordinator: Actor, count: number) {
  const inputs: AssistedExpertInput[] = [demoExpertProfile(rng, DEMO_LOGINS.expert.email)];
  inputs.push(flagshipExpertProfile(rng, 1));
  for (let i = 2; i < count; i++) inputs.push(buildExpertProfile(rng, i));

  const users: Record<string, unknown>[] = [];
  const experts: Record<string, unknown>[] = [];
  for (const raw of inputs) {
    // The API's own schema: a seed that drifts from what the API accepts fails here, not in a demo.
    const input = AssistedExpertBody.parse(raw);
    const { consent, healthConsent: _ignored, ...profile } = input;
    const expertId = new Types.ObjectId();
    const userId = new Types.ObjectId();
    users.push({
      _id: userId,
      email: input.email,
      role: 'expert',
      displayName: input.name,
      preferredLanguage: input.preferredLanguage ?? 'zh-CN',
      expertId,
      createdBy: coordinator.userId,
    });
    experts.push({
      ...newProfileDocument(profile),
      _id: expertId,
      userId,
      consents: [consentRecord('profile', consent.textVersion, coordinator)],
      createdBy: coordinator.userId,
    });
  }
  await User.insertMany(users);
  await Expert.insertMany(experts);
  return { count: experts.length, demoExpertId: String(experts[0]._id) };
}
