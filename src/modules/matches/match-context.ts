import type { ClientSession } from 'mongoose';
import { NotFoundError } from '../../lib/errors';
import { getExpertRecord } from '../experts/expert-records.service';
import { getNeedRecord } from '../needs/need-records.service';
import { getOrganisationRecord } from '../organisations/organisation-records.service';
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
  const expert = await getExpertRecord(String(match.expertId), session);
  const need = await getNeedRecord(match.needId, session);
  const organisation = await getOrganisationRecord(match.organisationId, session);
  if (!expert || !need || !organisation) throw new NotFoundError('Match');
  return { match, expert, need, organisation };
}
