import { Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { checkUnsubscribeLink, unsubscribeByLink } from './digest-subscription.service';

const PATH = '/digest/unsubscribe';
const Token = z.string().min(1).max(512);

/** The token from the form or, for a mail client's one-click POST, from the link itself. */
const tokenOf = (body: unknown, query: unknown) =>
  Token.parse((body as { token?: unknown } | undefined)?.token ?? (query as { token?: unknown }).token);

/**
 * The page behind the digest's unsubscribe link: opening it only asks (mail scanners open links), its one
 * button turns the digest off. Mail clients POST the same link (List-Unsubscribe-Post); that works
 * without a session or CSRF token (see session.middleware.ts), the signed token being the proof.
 */
export function digestPages(ctx: Context): Router {
  const router = Router();

  router.get(PATH, async (req, res) => {
    const token = tokenOf(undefined, req.query);
    await checkUnsubscribeLink(ctx, token);
    res.render('digests/unsubscribe', { titleKey: 'digestUnsubscribe.title', token });
  });

  router.post(PATH, async (req, res) => {
    await unsubscribeByLink(ctx, tokenOf(req.body, req.query));
    res.render('digests/unsubscribed', { titleKey: 'digestUnsubscribe.doneTitle' });
  });

  return router;
}
