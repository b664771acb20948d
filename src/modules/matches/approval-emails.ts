import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import { pageLink } from '../accounts/account-emails.service';
import type { EnqueueEmailInput } from '../email/email.service';
import { employerReaders } from '../organisations/organisation-emails';
import type { MatchContext } from './match-emails';

/**
 * The employer is asked to approve a candidate the office confirmed: one email to each of its
 * accounts, with a link to the need's page where the candidate is approved or declined.
 */
export async function awaitingEmployerEmails(
  ctx: Context,
  about: MatchContext,
  confirmedAt: Date,
  session: ClientSession,
): Promise<EnqueueEmailInput[]> {
  const { match, expert, need, organisation } = about;
  const readers = await employerReaders(organisation, session);
  return readers.map((r) => ({
    kind: 'candidate-awaiting-employer',
    to: r.email,
    toName: r.name,
    language: r.lang,
    related: { type: 'match', id: String(match._id) },
    data: {
      matchId: String(match._id),
      name: r.name,
      expertName: expert.name,
      needTitle: need.title,
      confirmedAt,
      needUrl: pageLink(ctx, `/employer/needs/${String(need._id)}`, r.lang),
    },
  }));
}
