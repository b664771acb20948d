import { Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { activeCoordinators, getUserRecord, userDisplayNames } from '../accounts/user-records.service';
import { expertExists, expertLabels } from '../experts/expert-records.service';
import { matchFactsOfExperts } from '../matches/match-queries.service';
import { needTitles } from '../needs/need-records.service';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import {
  LiaisonContact,
  type LiaisonContactRecord,
  LiaisonProfile,
  type LiaisonProfileRecord,
} from './liaison.model';
import type { ContactBody, ContactView, ExpertLiaisonView, MyExpertView } from './liaison.schemas';
import { assignmentsOf, liaisonOf, loadsByLiaison, removeAssignment } from './liaison-assignment.service';

/**
 * Extension point for the service desk (src/modules/services/, built apart): the open service requests
 * of each expert and how many of them are overdue (experts with none may be absent). Liaisons do not
 * import it; the composition root passes it in. Without one, both counts are null ("not known"), never 0.
 */
export type OpenServiceRequestCounter = (
  expertIds: readonly string[],
) => Promise<Map<string, { open: number; overdue: number }>>;

/** The expert's liaison: the expert sees their own (anyone else's is a 404); staff see any. */
export async function getExpertLiaison(actor: Actor, expertId: string): Promise<ExpertLiaisonView> {
  if (actor.role === 'expert' && actor.expertId !== expertId) throw new NotFoundError('Expert');
  if (!(await expertExists(expertId))) throw new NotFoundError('Expert');
  const current = await liaisonOf(expertId);
  if (!current) return { expertId, liaison: null, assignedAt: null };
  const [user, profile] = await Promise.all([
    getUserRecord(current.liaisonId),
    LiaisonProfile.findOne({ userId: current.liaisonId }).lean<LiaisonProfileRecord>(),
  ]);
  return {
    expertId,
    liaison: {
      id: current.liaisonId,
      name: user?.displayName ?? '',
      officePhone: profile?.officePhone ?? null,
    },
    assignedAt: current.assignedAt,
  };
}

function toContactView(c: LiaisonContactRecord, names: Map<string, string>): ContactView {
  return {
    id: String(c._id),
    expertId: String(c.expertId),
    date: c.date,
    kind: c.kind,
    summary: c.summary,
    notes: c.notes ?? '',
    recordedBy: { id: String(c.recordedBy), name: names.get(String(c.recordedBy)) ?? null },
    createdAt: c.createdAt,
  };
}

/** A visit, call or message with the expert, recorded by staff (usually their liaison). */
export async function recordContact(actor: Actor, expertId: string, body: ContactBody): Promise<ContactView> {
  return withTransaction(async (session) => {
    if (!(await expertExists(expertId, session))) throw new NotFoundError('Expert');
    const [created] = await LiaisonContact.create(
      [
        {
          expertId,
          recordedBy: actor.userId,
          date: body.date,
          kind: body.kind,
          summary: body.summary,
          notes: body.notes ?? '',
        },
      ],
      { session },
    );
    const names = new Map([[actor.userId, (await getUserRecord(actor.userId))?.displayName ?? '']]);
    return toContactView(created.toObject() as LiaisonContactRecord, names);
  });
}

/** The expert's contacts, newest first (by the day of the contact, then when it was written down). */
export async function listContacts(expertId: string): Promise<ContactView[]> {
  if (!(await expertExists(expertId))) throw new NotFoundError('Expert');
  const contacts = await LiaisonContact.find({ expertId })
    .sort({ date: -1, createdAt: -1, _id: -1 })
    .limit(200)
    .lean<LiaisonContactRecord[]>();
  const names = await userDisplayNames([...new Set(contacts.map((c) => String(c.recordedBy)))]);
  return contacts.map((c) => toContactView(c, names));
}

async function lastContacts(expertIds: readonly string[]) {
  const latest = await LiaisonContact.aggregate<{
    _id: Types.ObjectId;
    date: string;
    kind: ContactView['kind'];
    summary: string;
  }>([
    { $match: { expertId: { $in: expertIds.map((id) => new Types.ObjectId(id)) } } },
    { $sort: { expertId: 1, date: -1, createdAt: -1 } },
    {
      $group: {
        _id: '$expertId',
        date: { $first: '$date' },
        kind: { $first: '$kind' },
        summary: { $first: '$summary' },
      },
    },
  ]);
  return new Map(latest.map((c) => [String(c._id), { date: c.date, kind: c.kind, summary: c.summary }]));
}

/** "My experts": everyone the signed-in liaison looks after, with engagements and the last contact. */
export async function myExperts(
  actor: Actor,
  openRequests?: OpenServiceRequestCounter,
): Promise<MyExpertView[]> {
  const assignments = await assignmentsOf(actor.userId);
  const ids = assignments.map((a) => String(a.expertId));
  if (ids.length === 0) return [];
  const [labels, facts, contacts, requests] = await Promise.all([
    expertLabels(ids),
    matchFactsOfExperts(ids),
    lastContacts(ids),
    openRequests ? openRequests(ids) : Promise.resolve(undefined),
  ]);
  const engaged = [...facts.values()].flat().filter((m) => m.status === 'engaged');
  const [titles, orgs] = await Promise.all([
    needTitles(engaged.map((m) => m.needId)),
    getOrganisationRecords(engaged.map((m) => m.organisationId)),
  ]);
  const orgNames = new Map(orgs.map((o) => [String(o._id), o.name]));
  return assignments.map((a) => {
    const id = String(a.expertId);
    return {
      expertId: id,
      name: labels.get(id)?.name ?? '',
      assignedAt: a.assignedAt,
      engagements: (facts.get(id) ?? [])
        .filter((m) => m.status === 'engaged')
        .map((m) => ({
          needId: String(m.needId),
          needTitle: titles.get(String(m.needId)) ?? null,
          organisation: orgNames.get(String(m.organisationId)) ?? null,
        })),
      openServiceRequests: requests ? (requests.get(id)?.open ?? 0) : null,
      overdueServiceRequests: requests ? (requests.get(id)?.overdue ?? 0) : null,
      lastContact: contacts.get(id) ?? null,
    };
  });
}

/** Every active coordinator and every disabled one still holding experts, with their load. */
export async function liaisonLoads() {
  const [active, loads] = await Promise.all([activeCoordinators(), loadsByLiaison()]);
  const activeIds = new Set(active.map((u) => String(u._id)));
  const items = active.map((u) => ({
    id: String(u._id),
    name: u.displayName,
    active: true,
    experts: loads.get(String(u._id)) ?? 0,
  }));
  for (const [id, experts] of loads) {
    if (activeIds.has(id)) continue;
    const user = await getUserRecord(id);
    items.push({ id, name: user?.displayName ?? '', active: false, experts });
  }
  return { items };
}

/** The office phone a liaison gives their experts. */
export async function setOfficePhone(actor: Actor, officePhone: string): Promise<{ officePhone: string }> {
  await LiaisonProfile.updateOne({ userId: actor.userId }, { $set: { officePhone } }, { upsert: true });
  return { officePhone };
}

/** The expert's liaison as the expert sees them (their data export): name and office phone, or null. */
export async function liaisonOfExpert(
  expertId: string,
): Promise<{ name: string; officePhone: string | null } | null> {
  const current = await liaisonOf(expertId);
  if (!current) return null;
  const [user, profile] = await Promise.all([
    getUserRecord(current.liaisonId),
    LiaisonProfile.findOne({ userId: current.liaisonId }).lean<LiaisonProfileRecord>(),
  ]);
  return { name: user?.displayName ?? '', officePhone: profile?.officePhone ?? null };
}

/**
 * Every contact recorded about the expert, newest first, for their data export: what was recorded,
 * not who recorded it (the staff member's identity is theirs).
 */
export async function contactsAboutExpert(
  expertId: string,
): Promise<Array<Pick<ContactView, 'date' | 'kind' | 'summary' | 'notes' | 'createdAt'>>> {
  const contacts = await LiaisonContact.find({ expertId })
    .sort({ date: -1, createdAt: -1, _id: -1 })
    .lean<LiaisonContactRecord[]>();
  return contacts.map((c) => ({
    date: c.date,
    kind: c.kind,
    summary: c.summary,
    notes: c.notes ?? '',
    createdAt: c.createdAt,
  }));
}

/** When an expert deletes their data: the contacts recorded about them and their assignment go. Safe to run again. */
export async function forgetExpertLiaison(expertId: string): Promise<{ contactsDeleted: number }> {
  const { deletedCount } = await LiaisonContact.deleteMany({ expertId });
  await removeAssignment(expertId);
  return { contactsDeleted: deletedCount };
}
