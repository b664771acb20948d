import type { Actor } from '../../lib/actor';
import { listFailedEmails } from '../email/email.service';
import { listExpiringOffers } from '../matches/match-queries.service';
import { oldestOpenNeeds } from '../needs/need-records.service';
import { listOrganisations } from '../organisations/organisation.service';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import { reportSummary } from '../reports/reports.service';

const DAY_MS = 86_400_000;
const LINES = 30;

const nameMap = <T extends { _id: unknown }>(list: T[], label: (x: T) => string) =>
  new Map(list.map((x) => [String(x._id), label(x)]));

/** What waits for a coordinator: open needs oldest first, offers about to expire, organisations to check. */
export async function coordinatorOverview(actor: Actor, now = new Date()) {
  const [needs, expiringOffers, pending, failedEmails, summary] = await Promise.all([
    oldestOpenNeeds(LINES),
    listExpiringOffers(now, LINES),
    listOrganisations(actor, { status: 'pending', sort: 'createdAt', page: 1, pageSize: LINES }),
    listFailedEmails(1, 10),
    reportSummary(now),
  ]);
  const orgs = await getOrganisationRecords(needs.map((n) => n.organisationId));
  const orgName = nameMap(orgs, (o) => o.name);
  return {
    openNeeds: needs.map((n) => ({
      id: String(n._id),
      title: n.title,
      status: n.status,
      organisationName: orgName.get(String(n.organisationId)) ?? '—',
      openDays: Math.floor((now.getTime() - (n.openedAt ?? n.createdAt).getTime()) / DAY_MS),
      filledCount: n.filledCount,
      expertsWanted: n.expertsWanted,
      priority: n.priority,
    })),
    expiringOffers,
    pendingOrganisations: pending.items,
    pendingTotal: pending.total,
    failedEmails,
    counts: {
      experts: summary.experts,
      needs: summary.needs,
      matches: summary.matches,
    },
  };
}
