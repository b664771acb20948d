import { Types } from 'mongoose';
import { type Actor, isStaff } from '../../lib/actor';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { User, type UserRecord } from '../accounts/user.model';
import { AuditEntry } from '../audit/audit.model';
import { recordAudit } from '../audit/audit.service';
import { Expert, type ExpertRecord } from '../experts/expert.model';
import { anonymiseExpert, withdrawFromOpenMatches } from '../experts/expert-erasure.service';
import { toExpertView } from '../experts/expert-view';
import { Match } from '../matches/match.model';
import { Need } from '../needs/need.model';
import { Organisation } from '../organisations/organisation.model';
import { anonymiseAccount, forgetOrganisationContact } from './account-erasure.service';

const byCreation = { createdAt: 1, _id: 1 } as const;

function accountOf(user: UserRecord) {
  const { passwordHash: _hash, ...account } = user as UserRecord & { __v?: number };
  delete account.__v;
  return account;
}

/**
 * Audit entries the caller made or that are about them. Entries by others keep only the actor's role:
 * the staff member's id and IP address are that person's data, not the caller's.
 */
async function auditAbout(actor: Actor) {
  const about: Record<string, unknown>[] = [{ actorId: new Types.ObjectId(actor.userId) }];
  about.push({ targetType: 'user', targetId: actor.userId });
  if (actor.expertId) about.push({ targetType: 'expert', targetId: actor.expertId });
  const entries = await AuditEntry.find({ $or: about }).sort({ at: 1, _id: 1 }).lean();
  return entries.map((e) => ({
    byYou: String(e.actorId) === actor.userId,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    details: e.details ?? null,
    at: e.at,
  }));
}

/** Everything the service holds about the caller, as plain JSON (PIPL/GDPR right of access). */
export async function exportMyData(actor: Actor) {
  const user = await User.findById(actor.userId).lean<UserRecord>();
  if (!user) throw new NotFoundError('Account');
  const out: Record<string, unknown> = { exportedAt: new Date(), account: accountOf(user) };
  if (actor.expertId) {
    const expert = await Expert.findById(actor.expertId).lean<ExpertRecord>();
    out.expert = expert ? toExpertView(expert, { kind: 'owner' }) : null;
    out.matches = await Match.find({ expertId: actor.expertId }).sort(byCreation).lean();
  }
  if (actor.role === 'employer' && actor.organisationId) {
    out.organisation = await Organisation.findById(actor.organisationId).lean();
    out.needs = await Need.find({ organisationId: actor.organisationId }).sort(byCreation).lean();
  }
  out.audit = await auditAbout(actor);
  return out;
}

/**
 * Deletes the caller's personal data. An expert is withdrawn from open matches first, then anonymised,
 * then the account is disabled — each step can run again, so a failure half-way is retried by asking
 * again. Staff accounts are disabled by an admin instead.
 */
export async function deleteMyData(actor: Actor): Promise<{ matchesCancelled: number }> {
  if (isStaff(actor)) throw new ForbiddenError('Staff accounts are disabled by an administrator.');
  let matchesCancelled = 0;
  if (actor.role === 'expert' && actor.expertId) {
    const withdrawn = await withdrawFromOpenMatches(actor.expertId, actor, 'expert deleted their data');
    matchesCancelled = withdrawn.cancelled;
    await anonymiseExpert(actor.expertId);
  }
  if (actor.role === 'employer' && actor.organisationId) {
    const user = await User.findById(actor.userId).select('email').lean();
    if (user) await forgetOrganisationContact(actor.organisationId, user.email);
  }
  await anonymiseAccount(actor.userId);
  // No personal data in the details: the ids already say who, and they are anonymous now.
  await recordAudit(actor, 'me.delete', { type: 'user', id: actor.userId }, { matchesCancelled });
  return { matchesCancelled };
}
