import { Types } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { Expert } from '../experts/expert.model';
import { Match, type MatchStatus } from '../matches/match.model';
import { Need, type NeedStatus } from '../needs/need.model';
import { Nomination, type NominationRecord } from './nomination.model';
import { isDuplicateKey, loadVisibleOrganisation } from './organisation.service';
import type { NominateBody } from './quota.schemas';
import {
  currentQuotaYear,
  returnUnit,
  spendUnit,
  toNominationView,
  type UnitEntry,
  undoSpend,
} from './quota.service';

/** A need can be made priority until it is served or ended. */
const NOMINATABLE: readonly NeedStatus[] = ['draft', 'open', 'matching', 'partially_filled'];
/** The expert must be one the organisation engages (or has agreed to engage). */
const ENGAGED: MatchStatus[] = ['accepted', 'engaged'];

const alreadyNominated = () => new ConflictError('This is already nominated.', 'ALREADY_NOMINATED');
const needNotNominatable = (status: string) =>
  new ConflictError(`A need that is ${status} cannot be made priority.`, 'NEED_NOT_NOMINATABLE', { status });

async function checkTarget(organisationId: string, body: NominateBody): Promise<void> {
  if (body.kind === 'priority_need') {
    const need = await Need.findOne({ _id: body.needId, organisationId }).select('status priority').lean();
    if (!need) throw new NotFoundError('Need');
    if (!NOMINATABLE.includes(need.status)) throw needNotNominatable(need.status);
    if (need.priority) throw alreadyNominated();
    return;
  }
  const expert = await Expert.exists({ _id: body.expertId, status: { $ne: 'deleted' } });
  if (!expert) throw new NotFoundError('Expert');
  const engaged = await Match.exists({ organisationId, expertId: body.expertId, status: { $in: ENGAGED } });
  if (!engaged) {
    throw new ConflictError(
      'Only an expert the organisation engages can be put on the exclusive track.',
      'EXPERT_NOT_ENGAGED',
    );
  }
}

/**
 * Spends one quota unit on a nomination. Without isolated transactions the steps are ordered so
 * each can be undone: first the unit (a conditional update that fails when none is left), then the
 * nomination (its unique index refuses a second active one for the same need or expert), then the
 * need's priority flag. A failure after the unit was spent gives it back.
 */
export async function nominate(actor: Actor, organisationId: string, body: NominateBody) {
  const org = await loadVisibleOrganisation(actor, organisationId);
  if (org.status !== 'verified') {
    throw new ConflictError('Only a verified organisation can nominate.', 'ORGANISATION_NOT_VERIFIED');
  }
  await checkTarget(organisationId, body);
  const year = currentQuotaYear();
  const nominationId = new Types.ObjectId();
  const unit: UnitEntry =
    body.kind === 'priority_need'
      ? { nominationId, nominationKind: body.kind, needId: body.needId }
      : { nominationId, nominationKind: body.kind, expertId: body.expertId };

  if (!(await spendUnit(actor, organisationId, year, unit))) {
    throw new ConflictError(`No talent-service quota is left for ${year}.`, 'QUOTA_EXHAUSTED');
  }
  let nomination: NominationRecord;
  try {
    const created = await Nomination.create({
      _id: nominationId,
      organisationId,
      year,
      ...body,
      createdBy: actor.userId,
    });
    nomination = created.toObject() as NominationRecord;
  } catch (err) {
    await undoSpend(organisationId, year, nominationId);
    throw isDuplicateKey(err) ? alreadyNominated() : err;
  }
  if (body.kind === 'priority_need') {
    const flagged = await Need.findOneAndUpdate(
      { _id: body.needId, organisationId, status: { $in: NOMINATABLE }, priority: false },
      { $set: { priority: true, nominationId } },
    ).lean();
    if (!flagged) {
      await Nomination.deleteOne({ _id: nominationId });
      await undoSpend(organisationId, year, nominationId);
      throw new ConflictError('The need changed meanwhile; nothing was spent.', 'CONCURRENT_UPDATE');
    }
  }
  if (isStaff(actor)) {
    await recordAudit(
      actor,
      'quota.nominate',
      { type: 'organisation', id: organisationId },
      {
        nominationId: String(nominationId),
        kind: body.kind,
      },
    );
  }
  return toNominationView(nomination);
}

/** Withdraws an active nomination: its unit returns to the year's quota and a need loses priority. */
export async function withdrawNomination(actor: Actor, organisationId: string, nominationId: string) {
  await loadVisibleOrganisation(actor, organisationId);
  const nomination = await Nomination.findOneAndUpdate(
    { _id: nominationId, organisationId, status: 'active' },
    { $set: { status: 'withdrawn', withdrawnAt: new Date(), withdrawnBy: actor.userId } },
    { returnDocument: 'after' },
  ).lean<NominationRecord>();
  if (!nomination) {
    if (await Nomination.exists({ _id: nominationId, organisationId })) {
      throw new ConflictError('This nomination was already withdrawn.', 'ALREADY_WITHDRAWN');
    }
    throw new NotFoundError('Nomination');
  }
  await returnUnit(actor, organisationId, nomination.year, {
    nominationId: nomination._id,
    nominationKind: nomination.kind,
    needId: nomination.needId ? String(nomination.needId) : undefined,
    expertId: nomination.expertId ? String(nomination.expertId) : undefined,
  });
  if (nomination.needId) {
    await Need.updateOne(
      { _id: nomination.needId, nominationId: nomination._id },
      { $set: { priority: false }, $unset: { nominationId: 1 } },
    );
  }
  if (isStaff(actor)) {
    await recordAudit(
      actor,
      'quota.withdraw',
      { type: 'organisation', id: organisationId },
      { nominationId },
    );
  }
  return toNominationView(nomination);
}

/** For matching: the organisation that holds this expert on its exclusive track, if any. */
export async function exclusiveOrganisationOf(expertId: string): Promise<string | null> {
  const n = await Nomination.findOne({ expertId, kind: 'exclusive_expert', status: 'active' })
    .select('organisationId')
    .lean();
  return n ? String(n.organisationId) : null;
}
