import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import { pageLink } from '../accounts/account-emails.service';
import { employerAccounts } from '../accounts/user-records.service';
import type { EnqueueEmailInput } from '../email/email.service';
import type { OrganisationRecord } from './organisation.model';

type Lang = 'zh-CN' | 'en';
export interface EmployerReader {
  email: string;
  name: string;
  lang: Lang;
  userId?: string;
}

/**
 * Who hears about the organisation and its needs: its employer accounts, each in their language; the
 * organisation's contact when it has no account (one registered through the API by the office).
 */
export async function employerReaders(
  org: Pick<OrganisationRecord, '_id' | 'contact'>,
  session: ClientSession,
): Promise<EmployerReader[]> {
  const accounts = await employerAccounts(org._id, session);
  if (accounts.length === 0) return [{ email: org.contact.email, name: org.contact.name, lang: 'zh-CN' }];
  return accounts.map((u) => ({
    email: u.email,
    name: u.displayName,
    lang: u.preferredLanguage === 'en' ? 'en' : 'zh-CN',
    userId: String(u._id),
  }));
}

/** The emails telling the employer their organisation was verified, or rejected with the reason. */
export async function reviewEmails(
  ctx: Context,
  org: OrganisationRecord,
  outcome: { verifiedAt: Date } | { rejectedAt: Date; reason: string },
  session: ClientSession,
): Promise<EnqueueEmailInput[]> {
  const readers = await employerReaders(org, session);
  return readers.map((r): EnqueueEmailInput => {
    const common = { name: r.name, organisationName: org.name };
    const organisationUrl = pageLink(ctx, '/employer/organisation', r.lang);
    const envelope = {
      to: r.email,
      toName: r.name,
      language: r.lang,
      related: { type: 'organisation', id: String(org._id) },
    };
    return 'verifiedAt' in outcome
      ? {
          ...envelope,
          kind: 'organisation-verified',
          data: { ...common, verifiedAt: outcome.verifiedAt, organisationUrl },
        }
      : {
          ...envelope,
          kind: 'organisation-rejected',
          data: { ...common, reason: outcome.reason, rejectedAt: outcome.rejectedAt, organisationUrl },
        };
  });
}
