import type { ClientSession } from 'mongoose';
import { NotFoundError } from '../../lib/errors';
import { Expert, type ExpertRecord } from '../experts/expert.model';
import { Need, type NeedRecord } from '../needs/need.model';
import { Organisation, type OrganisationRecord } from '../organisations/organisation.model';
import { Match, type MatchRecord } from './match.model';
import type { MatchContext } from './match-emails';

/** A match with its expert, need and organisation, as stored now. */
export async function loadMatchContext(matchId: string, session?: ClientSession): Promise<MatchContext> {
  const match = await Match.findById(matchId)
    .session(session ?? null)
    .lean<MatchRecord>();
  if (!match) throw new NotFoundError('Match');
  return withRecords(match, session);
}

/** One read after another: a session (inside a transaction) takes no concurrent operations. */
export async function withRecords(match: MatchRecord, session?: ClientSession): Promise<MatchContext> {
  const expert = await Expert.findById(match.expertId)
    .session(session ?? null)
    .lean<ExpertRecord>();
  const need = await Need.findById(match.needId)
    .session(session ?? null)
    .lean<NeedRecord>();
  const organisation = await Organisation.findById(match.organisationId)
    .session(session ?? null)
    .lean<OrganisationRecord>();
  if (!expert || !need || !organisation) throw new NotFoundError('Match');
  return { match, expert, need, organisation };
}
