import { Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { errorsFromError, text } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams, multiLine } from '../../lib/schemas';
import { listMatches } from '../matches/match-queries.service';
import type { MatchView } from '../matches/match-view';
import { recordAnswer } from '../matches/match-workflow.service';

const AnswerForm = z.object({
  answer: z.enum(['accept', 'decline']),
  reason: multiLine(1000).optional(),
});

/** The strongest reasons first, in the reader's language (the explanation stored with the match). */
function reasonsOf(match: MatchView, lang: PageLanguage): string[] {
  return [...match.contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 6)
    .map((c) => c.reason[lang])
    .filter(Boolean);
}

/** "My offers": open offers to answer, with why the expert was matched, and the ones answered. */
export function expertOfferPages(ctx: Context): Router {
  const router = Router();
  router.use('/expert/offers', requireRole('expert'));

  router.get('/expert/offers', async (_req, res) => {
    const lang = res.locals.lang as PageLanguage;
    const { items } = await listMatches(pageActor(res), { page: 1, pageSize: 100 });
    const withReasons = items.map((m) => ({ ...m, reasons: reasonsOf(m, lang) }));
    res.render('experts/offers', {
      titleKey: 'expertOffers.title',
      open: withReasons.filter((m) => m.status === 'offered'),
      past: withReasons.filter((m) => m.status !== 'offered'),
    });
  });

  router.post('/expert/offers/:id/answer', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const form = AnswerForm.parse({ answer: req.body.answer, reason: text(req.body, 'reason') });
    try {
      await recordAnswer(ctx, pageActor(res), id, form);
    } catch (err) {
      // An offer already answered, expired or withdrawn: say so on the list instead of an error page.
      const errors = errorsFromError(err, pageT(res));
      if (!errors) throw err;
      return res.redirect(303, '/expert/offers?done=offerGone');
    }
    res.redirect(303, `/expert/offers?done=${form.answer === 'accept' ? 'accepted' : 'declined'}`);
  });

  return router;
}
