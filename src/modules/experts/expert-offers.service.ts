import type { Actor } from '../../lib/actor';
import { getMatch, listMatches, type MatchStatus } from '../matches/match-queries.service';
import type { MatchView } from '../matches/match-view';
import { getNeedRecords, type NeedRecord } from '../needs/need-records.service';
import {
  getOrganisationRecords,
  type OrganisationRecord,
} from '../organisations/organisation-records.service';

/** Once the expert has said yes, both sides may reach each other (the employer sees the expert's contact then too). */
const CONTACT_SHARED: readonly MatchStatus[] = ['accepted', 'engaged', 'completed'];

export interface ExpertOffer extends MatchView {
  terms: { housing: boolean; travel: boolean; other: string | null };
  address: string | null;
  employerContact: { name: string; phone: string | null; email: string } | null;
}

function withDetails(
  m: MatchView,
  needs: Map<string, NeedRecord>,
  orgs: Map<string, OrganisationRecord>,
): ExpertOffer {
  const need = needs.get(m.need.id);
  const org = orgs.get(m.organisation.id);
  const contact = org?.contact && CONTACT_SHARED.includes(m.status) ? org.contact : undefined;
  return {
    ...m,
    terms: {
      housing: need?.offer?.housing ?? false,
      travel: need?.offer?.travel ?? false,
      other: need?.offer?.other ?? null,
    },
    address: org?.address ?? null,
    employerContact: contact
      ? { name: contact.name, phone: contact.phone ?? null, email: contact.email }
      : null,
  };
}

async function detailed(matches: MatchView[]): Promise<ExpertOffer[]> {
  const [needs, orgs] = await Promise.all([
    getNeedRecords([...new Set(matches.map((m) => m.need.id))]),
    getOrganisationRecords([...new Set(matches.map((m) => m.organisation.id))]),
  ]);
  const byId = <T extends { _id: unknown }>(list: T[]) => new Map(list.map((x) => [String(x._id), x]));
  return matches.map((m) => withDetails(m, byId(needs), byId(orgs)));
}

/**
 * The expert's offers with what they need to decide and to start: the terms, where the work is, and the
 * employer's contact once they have accepted (not before: an open offer is answered through the office).
 */
export async function offersOfExpert(actor: Actor): Promise<ExpertOffer[]> {
  const { items } = await listMatches(actor, { page: 1, pageSize: 100 });
  return detailed(items);
}

/** One of the expert's offers (404 for anyone else's: getMatch scopes it to the caller). */
export async function offerOfExpert(actor: Actor, matchId: string): Promise<ExpertOffer> {
  const [offer] = await detailed([await getMatch(actor, matchId)]);
  return offer;
}
