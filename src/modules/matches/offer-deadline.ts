import type { Config } from '../../lib/config';

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * When an offer made at `offeredAt` must be answered, and when to remind. By default the deadline is
 * the end of the Nth calendar day after the offer in Asia/Shanghai (7 → an offer on Monday morning
 * runs to the end of next Monday), with the reminder the same time of day N days before it. Exact
 * second durations from config replace the calendar rule (tests use seconds).
 */
export function offerDeadlines(
  offeredAt: Date,
  workflow: Config['workflow'],
): { expiresAt: Date; remindAt: Date } {
  if (workflow.offerDeadlineSeconds !== undefined) {
    const expiresAt = new Date(offeredAt.getTime() + workflow.offerDeadlineSeconds * 1000);
    const before = (workflow.offerReminderSecondsBefore ?? 0) * 1000;
    return { expiresAt, remindAt: new Date(Math.max(offeredAt.getTime(), expiresAt.getTime() - before)) };
  }
  const localMidnight = Math.floor((offeredAt.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS;
  const endOfDay = localMidnight + (workflow.offerDeadlineDays + 1) * DAY_MS - 1 - SHANGHAI_OFFSET_MS;
  const expiresAt = new Date(endOfDay);
  const remindAt = new Date(
    Math.max(offeredAt.getTime(), endOfDay - workflow.offerReminderDaysBefore * DAY_MS),
  );
  return { expiresAt, remindAt };
}
