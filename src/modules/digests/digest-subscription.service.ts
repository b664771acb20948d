import type { Context } from '../../context';
import { verifyActionToken } from '../email/action-links';
import { setWeeklyDigest } from '../experts/expert-records.service';
import { UNSUBSCRIBE_PURPOSE } from './weekly-digest.service';

/**
 * The digest's one-click unsubscribe. The signed link is the proof (no sign-in, no CSRF token: mail
 * clients POST it themselves, RFC 8058); it is not used up, since turning the digest off twice is harmless.
 * A tampered link is ActionLinkError LINK_INVALID (400), an old one LINK_EXPIRED (410).
 */
export async function checkUnsubscribeLink(ctx: Context, token: string): Promise<{ expertId: string }> {
  const claims = await verifyActionToken(token, UNSUBSCRIBE_PURPOSE, ctx.config.links.secret);
  return { expertId: claims.subjectId };
}

/** Turns the expert's weekly digest off; they turn it on again on their profile page. */
export async function unsubscribeByLink(ctx: Context, token: string): Promise<void> {
  const { expertId } = await checkUnsubscribeLink(ctx, token);
  await setWeeklyDigest(expertId, false);
}
