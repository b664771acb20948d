import { producerConfig } from '../../lib/producers';
import { User, type UserRecord } from '../accounts/user.model';
import { enqueueEmail } from '../email/email.service';
import { OutboxEmail } from '../email/outbox.model';
import { matchableFilter } from '../needs/matchable.service';
import { Need, type NeedRecord } from '../needs/need.model';
import { Organisation, type OrganisationRecord } from '../organisations/organisation.model';
import { listExpiringOffers } from './match-queries.service';

const DAY_MS = 86_400_000;
const MAX_LINES = 50;

/** What waits for a coordinator's hand: needs open too long, offers about to expire, and so on. */
export async function staleItems(now = new Date()) {
  const { staleNeedDays } = producerConfig().workflow;
  const openedBefore = new Date(now.getTime() - staleNeedDays * DAY_MS);
  const needs = await Need.find({ ...(await matchableFilter()), openedAt: { $lte: openedBefore } })
    .sort({ openedAt: 1, _id: 1 })
    .limit(MAX_LINES)
    .lean<NeedRecord[]>();
  const stale = needs.filter((n) => n.filledCount < n.expertsWanted);
  const [orgs, offers, pendingOrganisations, failedEmails] = await Promise.all([
    Organisation.find({ _id: { $in: stale.map((n) => n.organisationId) } }).lean<OrganisationRecord[]>(),
    listExpiringOffers(now, MAX_LINES),
    Organisation.countDocuments({ status: 'pending' }),
    OutboxEmail.countDocuments({ status: 'failed' }),
  ]);
  const names = (pairs: [unknown, string][]) => new Map(pairs.map(([id, label]) => [String(id), label]));
  const orgName = names(orgs.map((o) => [o._id, o.name]));
  return {
    staleDays: staleNeedDays,
    staleNeeds: stale.map((n) => ({
      title: n.title,
      organisationName: orgName.get(String(n.organisationId)) ?? '—',
      openDays: Math.floor((now.getTime() - (n.openedAt ?? n.createdAt).getTime()) / DAY_MS),
    })),
    expiringOffers: offers.map(({ expertName, needTitle, expiresAt }) => ({
      expertName,
      needTitle,
      expiresAt,
    })),
    pendingOrganisations,
    failedEmails,
  };
}

/** The daily digest to every active coordinator; returns how many were sent. Nothing waiting: no email. */
export async function sendCoordinatorDigest(now = new Date()): Promise<number> {
  const items = await staleItems(now);
  const waiting =
    items.staleNeeds.length + items.expiringOffers.length + items.pendingOrganisations + items.failedEmails;
  if (waiting === 0) return 0;
  const coordinators = await User.find({ role: 'coordinator', disabledAt: { $exists: false } })
    .sort({ _id: 1 })
    .lean<UserRecord[]>();
  for (const c of coordinators) {
    await enqueueEmail({
      kind: 'coordinator-digest',
      to: c.email,
      toName: c.displayName,
      language: c.preferredLanguage === 'en' ? 'en' : 'zh-CN',
      data: {
        coordinatorName: c.displayName,
        ...items,
        dashboardUrl: `${producerConfig().http.publicUrl}/coordinator`,
      },
    });
  }
  return coordinators.length;
}
