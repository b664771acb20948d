import { type ClientSession, Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { AuditEntry } from './audit.model';

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

export async function listAudit(
  filter: { actorId?: string; targetType?: string; targetId?: string; action?: string },
  page: number,
  pageSize: number,
) {
  const query: Record<string, unknown> = {};
  if (filter.actorId) query.actorId = filter.actorId;
  if (filter.targetType) query.targetType = filter.targetType;
  if (filter.targetId) query.targetId = filter.targetId;
  if (filter.action) query.action = filter.action;
  const [items, total] = await Promise.all([
    AuditEntry.find(query)
      .sort({ at: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean(),
    AuditEntry.countDocuments(query),
  ]);
  return {
    items: items.map((e) => ({
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
    })),
    page,
    pageSize,
    total,
  };
}

/** Entries a user made or that are about them (their account, their expert profile), oldest first. */
export async function auditEntriesAbout(about: { userId: string; expertId?: string }) {
  const or: Record<string, unknown>[] = [{ actorId: new Types.ObjectId(about.userId) }];
  or.push({ targetType: 'user', targetId: about.userId });
  if (about.expertId) or.push({ targetType: 'expert', targetId: about.expertId });
  return AuditEntry.find({ $or: or }).sort({ at: 1, _id: 1 }).lean();
}
