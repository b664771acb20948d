import { Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageT } from '../../lib/http/pages';
import { multiLine } from '../../lib/schemas';
import { type ActionTokenClaims, consumeActionToken, verifyActionToken } from '../email/action-links';
import type { Contribution } from '../ranking/engine';
import { loadMatchContext } from './match-context';
import { offeredLines, reasonLines } from './match-emails';
import { answerOffer } from './offer.service';

const PURPOSES = { accept: 'offer-accept', decline: 'offer-decline' } as const;
type Answer = keyof typeof PURPOSES;

const TokenQuery = z.object({ token: z.string().min(1).max(512) });
const AnswerForm = z.object({
  token: z.string().min(1).max(512),
  reason: multiLine(1000).optional(),
});

/** Which answer an emailed link stands for: its purpose is signed into the token. */
async function claimsOf(
  secret: string,
  token: string,
): Promise<{ answer: Answer; claims: ActionTokenClaims }> {
  try {
    return { answer: 'accept', claims: await verifyActionToken(token, PURPOSES.accept, secret) };
  } catch (err) {
    if ((err as { code?: string }).code !== 'LINK_INVALID') throw err;
    return { answer: 'decline', claims: await verifyActionToken(token, PURPOSES.decline, secret) };
  }
}

/**
 * The page behind the accept/decline links of an offer email. Opening the link only shows the offer
 * and one button (mail scanners open links); the POST uses the single-use token up in the same
 * transaction as the answer. Replayed, tampered or expired links get the error page in words.
 */
export function offerLinkPages(ctx: Context): Router {
  const router = Router();
  // A used or expired link here was an offer's: say so (a verification link's page says otherwise).
  router.use('/offers/respond', (_req, res, next) => {
    res.locals.errorWords = 'offer';
    next();
  });

  router.get('/offers/respond', async (req, res) => {
    const { token } = TokenQuery.parse(req.query);
    const { answer, claims } = await claimsOf(ctx.config.links.secret, token);
    const about = await loadMatchContext(claims.subjectId);
    const lang = res.locals.lang as PageLanguage;
    res.render('offers/respond', {
      titleKey: answer === 'accept' ? 'offerLink.acceptTitle' : 'offerLink.declineTitle',
      answer,
      accept: answer === 'accept',
      token,
      match: about.match,
      need: about.need,
      organisation: about.organisation,
      expertName: about.expert.name,
      offered: offeredLines(about.need, lang),
      reasons: reasonLines((about.match.contributions ?? []) as Contribution[], lang),
      answerBy: claims.expiresAt,
    });
  });

  router.post('/offers/respond', async (req, res) => {
    const form = AnswerForm.parse({ token: req.body.token, reason: req.body.reason || undefined });
    const { answer, claims } = await claimsOf(ctx.config.links.secret, form.token);
    await answerOffer(ctx, claims.subjectId, answer, {
      channel: 'email-link',
      reason: answer === 'decline' ? form.reason : undefined,
      within: (session) =>
        consumeActionToken(form.token, PURPOSES[answer], ctx.config.links.secret, { session }),
    });
    res.render('offers/answered', {
      titleKey: answer === 'accept' ? 'offerLink.acceptedTitle' : 'offerLink.declinedTitle',
      message: pageT(res)(answer === 'accept' ? 'offerLink.acceptedText' : 'offerLink.declinedText'),
    });
  });

  return router;
}
