import { type ClientSession, Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { Nomination, type NominationRecord } from './nomination.model';
import { Organisation } from './organisation.model';
import { isDuplicateKey, loadVisibleOrganisation } from './organisation.service';
import { type LedgerEntry, Quota, type QuotaRecord } from './quota.model';
import type { NominationView, QuotaLedger } from './quota.schemas';

/** Quotas run by calendar year in China Standard Time (UTC+8, no daylight saving). */
export function currentQuotaYear(now = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

const oid = (id: unknown) => (id ? String(id) : null);

export function toNominationView(n: NominationRecord): NominationView {
  return {
    id: String(n._id),
    organisationId: String(n.organisationId),
    year: n.year,
    kind: n.kind,
    needId: oid(n.needId),
    expertId: oid(n.expertId),
    status: n.status,
    createdAt: n.createdAt,
    withdrawnAt: n.withdrawnAt ?? null,
  };
}

/** The quota document of (organisation, year), created empty if missing (a concurrent create is fine). */
async function ensureQuota(organisationId: string, year: number): Promise<QuotaRecord> {
  const filter = { organisationId: new Types.ObjectId(organisationId), year };
  try {
    await Quota.updateOne(filter, { $setOnInsert: { granted: 0, used: 0, history: [] } }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return (await Quota.findOne(filter).lean<QuotaRecord>()) as QuotaRecord;
}

/**
 * An admin sets an organisation's quota for a year (which makes it a key enterprise). The total may
 * not go below the units already used. Conditional on the total read, so two grants at once cannot
 * both write a ledger line about the same previous total.
 */
export async function grantQuota(actor: Actor, organisationId: string, year: number, granted: number) {
  const org = await Organisation.findById(organisationId).select('status').lean();
  if (!org) throw new NotFoundError('Organisation');
  if (org.status !== 'verified') {
    throw new ConflictError('Only a verified organisation can hold a quota.', 'ORGANISATION_NOT_VERIFIED');
  }
  // Outside the transaction: a duplicate key there would abort it, and an empty quota is harmless.
  const { _id } = await ensureQuota(organisationId, year);
  const updated = await withTransaction(async (session) => {
    const quota = (await Quota.findById(_id).session(session).lean<QuotaRecord>()) as QuotaRecord;
    const entry = {
      kind: 'grant',
      at: new Date(),
      byUserId: actor.userId,
      byRole: actor.role,
      granted,
      previousGranted: quota.granted,
    };
    const next = await Quota.findOneAndUpdate(
      { _id, granted: quota.granted, used: { $lte: granted } },
      { $set: { granted }, $push: { history: entry } },
      { returnDocument: 'after', session },
    ).lean<QuotaRecord>();
    if (!next) {
      const now = await Quota.findById(_id).session(session).lean<QuotaRecord>();
      if (now && now.used > granted) {
        throw new ConflictError(
          `${now.used} units are already used this year; grant at least that many.`,
          'QUOTA_BELOW_USED',
          { used: now.used },
        );
      }
      throw new ConflictError('The quota changed meanwhile; reload and try again.', 'CONCURRENT_UPDATE');
    }
    await Organisation.updateOne({ _id: organisationId }, { $set: { keyEnterprise: true } }, { session });
    const details = { year, granted, previousGranted: quota.granted };
    await recordAudit(actor, 'quota.grant', { type: 'organisation', id: organisationId }, details, session);
    return next;
  });
  return ledgerOf(organisationId, year, true, updated);
}

/** The ledger of one year: for the organisation itself and for staff (another employer gets 404). */
export async function getLedger(actor: Actor, organisationId: string, year = currentQuotaYear()) {
  const org = await loadVisibleOrganisation(actor, organisationId);
  const quota = await Quota.findOne({ organisationId, year }).lean<QuotaRecord>();
  return ledgerOf(organisationId, year, org.keyEnterprise, quota);
}

async function ledgerOf(
  organisationId: string,
  year: number,
  keyEnterprise: boolean,
  quota: QuotaRecord | null,
): Promise<QuotaLedger> {
  const nominations = await Nomination.find({ organisationId, year, status: 'active' })
    .sort({ createdAt: 1, _id: 1 })
    .lean<NominationRecord[]>();
  const granted = quota?.granted ?? 0;
  const used = quota?.used ?? 0;
  return {
    organisationId,
    year,
    keyEnterprise,
    granted,
    used,
    remaining: Math.max(0, granted - used),
    history: (quota?.history ?? []).map((h: LedgerEntry) => ({
      kind: h.kind,
      at: h.at,
      byUserId: oid(h.byUserId),
      byRole: h.byRole,
      granted: h.granted ?? null,
      previousGranted: h.previousGranted ?? null,
      nominationId: oid(h.nominationId),
      nominationKind: h.nominationKind ?? null,
      needId: oid(h.needId),
      expertId: oid(h.expertId),
    })),
    activeNominations: nominations.map(toNominationView),
  };
}

export interface UnitEntry {
  nominationId: Types.ObjectId;
  nominationKind: 'priority_need' | 'exclusive_expert';
  needId?: string;
  expertId?: string;
}

const line = (actor: Actor, kind: 'nomination' | 'withdrawal', unit: UnitEntry) => ({
  kind,
  at: new Date(),
  byUserId: actor.userId,
  byRole: actor.role,
  ...unit,
});

/**
 * Spends one unit, atomically: the update only matches while used < granted, so with one unit
 * left exactly one of two concurrent nominations gets it. False when none is left.
 */
export async function spendUnit(
  actor: Actor,
  organisationId: string,
  year: number,
  unit: UnitEntry,
  session?: ClientSession,
) {
  const res = await Quota.updateOne(
    { organisationId, year, $expr: { $lt: ['$used', '$granted'] } },
    { $inc: { used: 1 }, $push: { history: line(actor, 'nomination', unit) } },
    { session },
  );
  return res.modifiedCount === 1;
}

/** A withdrawn nomination gives its unit back, with a ledger line saying so. */
export async function returnUnit(
  actor: Actor,
  organisationId: string,
  year: number,
  unit: UnitEntry,
  session?: ClientSession,
) {
  await Quota.updateOne(
    { organisationId, year, used: { $gt: 0 } },
    { $inc: { used: -1 }, $push: { history: line(actor, 'withdrawal', unit) } },
    { session },
  );
}
