import type { Context } from '../../context';
import { activeCoordinators } from '../accounts/user-records.service';
import { countOutbox, enqueueEmail } from '../email/email.service';
import { matchableNeedsOpenedBefore } from '../needs/need-records.service';
import {
  countPendingOrganisations,
  getOrganisationRecords,
} from '../organisations/organisation-records.service';
import { listExpiringOffers } from './match-queries.service';

const DAY_MS = 86_400_000;
const MAX_LINES = 50;

/** What waits for a coordinator's hand: needs open too long, offers about to expire, and so on. */
export async function staleItems(ctx: Context, now = new Date()) {
  const { staleNeedDays } = ctx.config.workflow;
  const openedBefore = new Date(now.getTime() - staleNeedDays * DAY_MS);
  const needs = await matchableNeedsOpenedBefore(openedBefore, MAX_LINES);
  const stale = needs.filter((n) => n.filledCount < n.expertsWanted);
  const [orgs, offers, pendingOrganisations, failedEmails] = await Promise.all([
    getOrganisationRecords(stale.map((n) => n.organisationId)),
    listExpiringOffers(now, MAX_LINES),
    countPendingOrganisations(),
    countOutbox('failed'),
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
export async function sendCoordinatorDigest(ctx: Context, now = new Date()): Promise<number> {
  const items = await staleItems(ctx, now);
  const waiting =
    items.staleNeeds.length + items.expiringOffers.length + items.pendingOrganisations + items.failedEmails;
  if (waiting === 0) return 0;
  const coordinators = await activeCoordinators();
  for (const c of coordinators) {
    await enqueueEmail(ctx, {
      kind: 'coordinator-digest',
      to: c.email,
      toName: c.displayName,
      language: c.preferredLanguage === 'en' ? 'en' : 'zh-CN',
      data: {
        coordinatorName: c.displayName,
        ...items,
        dashboardUrl: `${ctx.config.http.publicUrl}/coordinator`,
      },
    });
  }
  return coordinators.length;
}
