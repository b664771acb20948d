import { type ClientSession, Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { staffAccountNames } from '../accounts/user-records.service';
import { AuditEntry, type AuditRecord } from './audit.model';

/**
 * Records an action. Details must not repeat personal data (names, phones, emails): ids and
 * changed field names are enough to reconstruct what happened.
 */
export async function recordAudit(
  actor: Actor,
  action: string,
  target: { type: string; id?: string },
  details?: Record<string, unknown>,
  session?: ClientSession,
): Promise<void> {
  await AuditEntry.create(
    [
      {
        actorId: actor.userId,
        actorRole: actor.role,
        action,
        targetType: target.type,
        targetId: target.id,
        ip: actor.ip,
        requestId: actor.requestId,
        details,
      },
    ],
    { session },
  );
}

/** What the log can be filtered by; dates are days in Beijing time, both ends included. */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;
/** Beijing is UTC+8 all year: a day there starts at 16:00 UTC the day before. */
const beijingDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000);

function whereOf(filter: AuditFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.actorId) query.actorId = new Types.ObjectId(filter.actorId);
  if (filter.targetType) query.targetType = filter.targetType;
  if (filter.targetId) query.targetId = filter.targetId;
  if (filter.action) query.action = filter.action;
  if (filter.from || filter.to) {
    const at: Record<string, Date> = {};
    if (filter.from) at.$gte = beijingDayStart(filter.from);
    if (filter.to) at.$lt = new Date(beijingDayStart(filter.to).getTime() + DAY_MS);
    query.at = at;
  }
  return query;
}

type AuditLean = AuditRecord & { _id: Types.ObjectId };

function toAuditItem(e: AuditLean) {
  return {
    id: String(e._id),
    actorId: String(e.actorId),
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    ip: e.ip ?? null,
    requestId: e.requestId ?? null,
    details: (e.details as Record<string, unknown> | undefined) ?? null,
    at: e.at,
  };
}
export type AuditItem = ReturnType<typeof toAuditItem>;

export async function listAudit(filter: AuditFilter, page: number, pageSize: number) {
  const query = whereOf(filter);
  const [items, total] = await Promise.all([
    AuditEntry.find(query)
      .sort({ at: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<AuditLean[]>(),
    AuditEntry.countDocuments(query),
  ]);
  return { items: items.map(toAuditItem), page, pageSize, total };
}

/** A place in the log, newest first: an entry's time and id (`<ms>_<id>`), as pages pass it in the URL. */
export const AUDIT_CURSOR = /^(\d{1,15})_([a-f0-9]{24})$/;

/**
 * One page of the log by keyset: the entries older than `before`, or newer than `after` (newest first
 * either way), so a page stays put while entries are added. `newer`/`older`: the cursors of the
 * neighbouring pages, null at either end.
 */
export async function auditPage(
  filter: AuditFilter,
  cursor: { before?: string; after?: string },
  limit: number,
) {
  const where = whereOf(filter);
  const mark = AUDIT_CURSOR.exec(cursor.after ?? cursor.before ?? '');
  const backwards = Boolean(mark && cursor.after);
  if (mark) {
    const at = new Date(Number(mark[1]));
    const id = new Types.ObjectId(mark[2]);
    const op = backwards ? '$gt' : '$lt';
    where.$or = [{ at: { [op]: at } }, { at, _id: { [op]: id } }];
  }
  const dir = backwards ? 1 : -1;
  const found = await AuditEntry.find(where)
    .sort({ at: dir, _id: dir })
    .limit(limit + 1)
    .lean<AuditLean[]>();
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  if (backwards) rows.reverse();
  const cursorOf = (e: AuditLean) => `${e.at.getTime()}_${String(e._id)}`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    items: rows.map(toAuditItem),
    newer: first && (backwards ? more : Boolean(mark)) ? cursorOf(first) : null,
    older: last && (backwards || more) ? cursorOf(last) : null,
  };
}

/** The staff who may appear in the log as actors, by name, for the actor filter. */
export async function auditActors(): Promise<Array<{ id: string; name: string; role: string }>> {
  const staff = await staffAccountNames();
  return staff.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Entries a user made or that are about them (their account, their expert profile), oldest first. */
export async function auditEntriesAbout(about: { userId: string; expertId?: string }) {
  const or: Record<string, unknown>[] = [{ actorId: new Types.ObjectId(about.userId) }];
  or.push({ targetType: 'user', targetId: about.userId });
  if (about.expertId) or.push({ targetType: 'expert', targetId: about.expertId });
  return AuditEntry.find({ $or: or }).sort({ at: 1, _id: 1 }).lean();
}
