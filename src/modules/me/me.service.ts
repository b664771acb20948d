import type { Context } from '../../context';
import { type Actor, isStaff } from '../../lib/actor';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { getUserRecord, type UserRecord, userEmail } from '../accounts/user-records.service';
import { forgetExpertStays, staysOfExpert } from '../apartments/stays.service';
import { auditEntriesAbout, recordAudit } from '../audit/audit.service';
import {
  anonymiseExpert,
  forgetExpertInOutbox,
  removeFromCandidates,
  withdrawFromOpenMatches,
} from '../experts/expert-erasure.service';
import { getExpertRecord } from '../experts/expert-records.service';
import { toExpertView } from '../experts/expert-view';
import { contactsAboutExpert, forgetExpertLiaison, liaisonOfExpert } from '../liaisons/liaison.service';
import { matchesOfExpert } from '../matches/match-queries.service';
import { needsOfOrganisation } from '../needs/need-records.service';
import { getOrganisationRecord } from '../organisations/organisation-records.service';
import { forgetExpertAttachments } from '../services/service-attachments.service';
import { forgetExpertRequests, requestsOfExpert } from '../services/service-requests.service';
import { anonymiseAccount, forgetOrganisationContact } from './account-erasure.service';

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
  const entries = await auditEntriesAbout({ userId: actor.userId, expertId: actor.expertId });
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

/** The records whose emails to others may name the expert: matches, service requests, stays. */
async function relatedRecords(expertId: string): Promise<{ type: string; id: string }[]> {
  const ids = (type: string, list: { _id?: unknown; id?: unknown }[]) =>
    list.map((r) => ({ type, id: String(r.id ?? r._id) }));
  return [
    ...ids('match', await matchesOfExpert(expertId)),
    ...ids('service-request', await requestsOfExpert(expertId)),
    ...ids('apartment-stay', await staysOfExpert(expertId)),
  ];
}

/** Everything the service holds about the caller, as plain JSON (PIPL/GDPR right of access). */
export async function exportMyData(actor: Actor) {
  const user = await getUserRecord(actor.userId);
  if (!user) throw new NotFoundError('Account');
  const out: Record<string, unknown> = { exportedAt: new Date(), account: accountOf(user) };
  if (actor.expertId) {
    const expert = await getExpertRecord(actor.expertId);
    out.expert = expert ? toExpertView(expert, { kind: 'owner' }) : null;
    out.matches = await matchesOfExpert(actor.expertId);
    out.serviceRequests = await requestsOfExpert(actor.expertId);
    out.apartmentStays = await staysOfExpert(actor.expertId);
    out.liaison = await liaisonOfExpert(actor.expertId);
    out.liaisonContacts = await contactsAboutExpert(actor.expertId);
  }
  if (actor.role === 'employer' && actor.organisationId) {
    out.organisation = (await getOrganisationRecord(actor.organisationId)) ?? null;
    out.needs = await needsOfOrganisation(actor.organisationId);
  }
  out.audit = await auditAbout(actor);
  return out;
}

/**
 * Deletes the caller's personal data. An expert's matches in play, engagements included, are cancelled
 * through the lifecycle (the employer and coordinator are told, the needs re-routed); their open service
 * requests are withdrawn, every request's facts cleared and its attachments deleted; their booked stays
 * not yet begun are cancelled and family members' names removed; the liaison's contacts and assignment
 * go; they leave every candidate list; the outbox forgets them; then the expert is anonymised and the
 * account disabled. Each step can run again, and the outbox is scrubbed after every step that writes
 * email and before the name and address are replaced, so a failure half-way is repaired by asking
 * again. Staff accounts are disabled by an administrator instead.
 */
export async function deleteMyData(ctx: Context, actor: Actor): Promise<{ matchesCancelled: number }> {
  if (isStaff(actor)) throw new ForbiddenError('Staff accounts are disabled by an administrator.');
  let matchesCancelled = 0;
  if (actor.role === 'expert' && actor.expertId) {
    const expertId = actor.expertId;
    const withdrawn = await withdrawFromOpenMatches(ctx, expertId, actor);
    matchesCancelled = withdrawn.cancelled;
    await forgetExpertRequests(actor, expertId);
    await forgetExpertAttachments(expertId);
    await forgetExpertStays(actor, expertId);
    await forgetExpertLiaison(expertId);
    await removeFromCandidates(ctx, expertId);
    await forgetExpertInOutbox(ctx, expertId, await userEmail(actor.userId), await relatedRecords(expertId));
    await anonymiseExpert(ctx, expertId);
  }
  if (actor.role === 'employer' && actor.organisationId) {
    const email = await userEmail(actor.userId);
    if (email !== undefined) await forgetOrganisationContact(actor.organisationId, email);
  }
  await anonymiseAccount(actor.userId);
  // No personal data in the details: the ids already say who, and they are anonymous now.
  await recordAudit(actor, 'me.delete', { type: 'user', id: actor.userId }, { matchesCancelled });
  return { matchesCancelled };
}
