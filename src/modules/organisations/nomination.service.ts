import { type ClientSession, Types } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { expertExists } from '../experts/expert-records.service';
import { ensureLiaison } from '../liaisons/liaison-assignment.service';
import { type MatchStatus, organisationHasMatchWith } from '../matches/match-queries.service';
import {
  clearNeedPriority,
  flagNeedPriority,
  type NeedStatus,
  organisationNeedState,
} from '../needs/need-records.service';
import { Nomination, type NominationRecord } from './nomination.model';
import { isDuplicateKey, loadVisibleOrganisation } from './organisation.service';
import type { NominateBody } from './quota.schemas';
import { currentQuotaYear, returnUnit, spendUnit, toNominationView, type UnitEntry } from './quota.service';

/** A need can be made priority until it is served or ended. */
const NOMINATABLE: readonly NeedStatus[] = ['draft', 'open', 'matching', 'partially_filled'];
/** The expert must be one the organisation engages (or has agreed to engage). */
const ENGAGED: MatchStatus[] = ['accepted', 'engaged'];

const alreadyNominated = () => new ConflictError('This is already nominated.', 'ALREADY_NOMINATED');
const needNotNominatable = (status: string) =>
  new ConflictError(`A need that is ${status} cannot be made priority.`, 'NEED_NOT_NOMINATABLE', { status });

async function checkTarget(
  organisationId: string,
  body: NominateBody,
  session: ClientSession,
): Promise<void> {
  if (body.kind === 'priority_need') {
    const need = await organisationNeedState(body.needId, organisationId, session);
    if (!need) throw new NotFoundError('Need');
    if (!NOMINATABLE.includes(need.status)) throw needNotNominatable(need.status);
    if (need.priority) throw alreadyNominated();
    return;
  }
  if (!(await expertExists(body.expertId, session))) throw new NotFoundError('Expert');
  if (!(await organisationHasMatchWith(organisationId, body.expertId, ENGAGED, session))) {
    throw new ConflictError(
      'Only an expert the organisation engages can be put on the exclusive track.',
      'EXPERT_NOT_ENGAGED',
    );
  }
}

/** What a nomination step may be given instead of its defaults; tests pass a `recordAudit` that fails. */
export interface NominationOptions {
  recordAudit?: typeof recordAudit;
}

/**
 * Spends one quota unit on a nomination, in one transaction: the unit (a conditional update that
 * fails when none is left), the nomination (its unique index refuses a second active one for the
 * same need or expert), the need's priority flag, a liaison for a nominated talent who has none yet
 * (one who has accepted but not started) and the audit entry are all written, or none is.
 */
export async function nominate(
  ctx: Context,
  actor: Actor,
  organisationId: string,
  body: NominateBody,
  options: NominationOptions = {},
) {
  const audit = options.recordAudit ?? recordAudit;
  const year = currentQuotaYear();
  return withTransaction(async (session) => {
    const org = await loadVisibleOrganisation(actor, organisationId, session);
    if (org.status !== 'verified') {
      throw new ConflictError('Only a verified organisation can nominate.', 'ORGANISATION_NOT_VERIFIED');
    }
    await checkTarget(organisationId, body, session);
    const nominationId = new Types.ObjectId();
    const unit: UnitEntry =
      body.kind === 'priority_need'
        ? { nominationId, nominationKind: body.kind, needId: body.needId }
        : { nominationId, nominationKind: body.kind, expertId: body.expertId };
    // The unique nomination first: a second nomination of the same target loses here, before it has
    // written anything (on the test server, whose aborts restore whole documents, a loser that had
    // spent a unit first could undo the winner's spending).
    const [created] = await Nomination.create(
      [{ _id: nominationId, organisationId, year, ...body, createdBy: actor.userId }],
      { session },
    ).catch((err) => {
      throw isDuplicateKey(err) ? alreadyNominated() : err;
    });
    if (!(await spendUnit(actor, organisationId, year, unit, session))) {
      throw new ConflictError(`No talent-service quota is left for ${year}.`, 'QUOTA_EXHAUSTED');
    }
    if (body.kind === 'priority_need') {
      const flagged = await flagNeedPriority(body.needId, organisationId, nominationId, NOMINATABLE, session);
      if (!flagged)
        throw new ConflictError('The need changed meanwhile; nothing was spent.', 'CONCURRENT_UPDATE');
    } else {
      await ensureLiaison(ctx, body.expertId, session);
    }
    if (isStaff(actor)) {
      const details = { nominationId: String(nominationId), kind: body.kind };
      await audit(actor, 'quota.nominate', { type: 'organisation', id: organisationId }, details, session);
    }
    return toNominationView(created.toObject() as NominationRecord);
  });
}

/** Withdraws an active nomination: its unit returns to the year's quota and a need loses priority. */
export async function withdrawNomination(actor: Actor, organisationId: string, nominationId: string) {
  return withTransaction(async (session) => {
    await loadVisibleOrganisation(actor, organisationId, session);
    const nomination = await Nomination.findOneAndUpdate(
      { _id: nominationId, organisationId, status: 'active' },
      { $set: { status: 'withdrawn', withdrawnAt: new Date(), withdrawnBy: actor.userId } },
      { returnDocument: 'after', session },
    ).lean<NominationRecord>();
    if (!nomination) {
      if (await Nomination.exists({ _id: nominationId, organisationId }).session(session)) {
        throw new ConflictError('This nomination was already withdrawn.', 'ALREADY_WITHDRAWN');
      }
      throw new NotFoundError('Nomination');
    }
    const unit: UnitEntry = {
      nominationId: nomination._id,
      nominationKind: nomination.kind,
      needId: nomination.needId ? String(nomination.needId) : undefined,
      expertId: nomination.expertId ? String(nomination.expertId) : undefined,
    };
    await returnUnit(actor, organisationId, nomination.year, unit, session);
    if (nomination.needId) {
      await clearNeedPriority(nomination.needId, nomination._id, session);
    }
    if (isStaff(actor)) {
      const target = { type: 'organisation', id: organisationId };
      await recordAudit(actor, 'quota.withdraw', target, { nominationId }, session);
    }
    return toNominationView(nomination);
  });
}

/** For matching: the organisation that holds this expert on its exclusive track, if any. */
export async function exclusiveOrganisationOf(expertId: string): Promise<string | null> {
  const n = await Nomination.findOne({ expertId, kind: 'exclusive_expert', status: 'active' })
    .select('organisationId')
    .lean();
  return n ? String(n.organisationId) : null;
}
