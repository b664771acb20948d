import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { errorsFromError, type FieldErrors, submitForm, text } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams, multiLine } from '../../lib/schemas';
import type { MatchView } from '../matches/match-view';
import { recordAnswer, WITHDRAWABLE_STATUSES, withdrawMatch } from '../matches/match-workflow.service';
import { WithdrawBody } from '../matches/matches.schemas';
import { type ExpertOffer, offerOfExpert, offersOfExpert } from './expert-offers.service';

const Answer = z.enum(['accept', 'decline']);
const AnswerForm = z.object({
  answer: Answer,
  reason: multiLine(1000).optional(),
});
const AnswerQuery = z.object({ answer: Answer });

/** The strongest reasons first, in the reader's language (the explanation stored with the match). */
function reasonsOf(match: MatchView, lang: PageLanguage): string[] {
  return [...match.contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 6)
    .map((c) => c.reason[lang])
    .filter(Boolean);
}

const forPage = (m: ExpertOffer, lang: PageLanguage) => ({ ...m, reasons: reasonsOf(m, lang) });

/**
 * "My offers": open offers to answer, with why the expert was matched, and the ones answered; each offer
 * has its own page (terms, place, the employer's contact once accepted, history). Accepting or declining
 * asks for confirmation on a page of its own, as the emailed links do: one tap on a list is easily a slip.
 */
export function expertOfferPages(ctx: Context): Router {
  const router = Router();
  router.use('/expert/offers', requireRole('expert'));

  router.get('/expert/offers', async (_req, res) => {
    const lang = res.locals.lang as PageLanguage;
    const offers = (await offersOfExpert(pageActor(res))).map((m) => forPage(m, lang));
    res.render('experts/offers', {
      titleKey: 'expertOffers.title',
      open: offers.filter((m) => m.status === 'offered'),
      past: offers.filter((m) => m.status !== 'offered'),
    });
  });

  router.get('/expert/offers/:id', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const offer = await offerOfExpert(pageActor(res), id);
    res.render('experts/offer', {
      titleKey: 'expertOffer.title',
      offer: forPage(offer, res.locals.lang as PageLanguage),
      open: offer.status === 'offered',
    });
  });

  router.get('/expert/offers/:id/answer', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const { answer } = AnswerQuery.parse(req.query);
    const offer = await offerOfExpert(pageActor(res), id);
    if (offer.status !== 'offered') return res.redirect(303, '/expert/offers?done=offerGone');
    res.render('experts/offer-answer', {
      titleKey: answer === 'accept' ? 'offerLink.acceptTitle' : 'offerLink.declineTitle',
      offer: forPage(offer, res.locals.lang as PageLanguage),
      answer,
      accept: answer === 'accept',
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

  // Stepping back from an accepted or engaged job: a page of its own asks for the reason and a second
  // press, since the employer and the office are told at once.
  const withdrawable = (offer: ExpertOffer) => WITHDRAWABLE_STATUSES.includes(offer.status);
  const renderWithdraw = async (res: Response, id: string, errors?: FieldErrors, reason = '') => {
    const offer = await offerOfExpert(pageActor(res), id);
    if (!withdrawable(offer)) return res.redirect(303, `/expert/offers/${id}`);
    res.status(errors ? 400 : 200).render('experts/offer-withdraw', {
      titleKey: 'expertWithdraw.title',
      offer: forPage(offer, res.locals.lang as PageLanguage),
      errors,
      values: { reason },
    });
  };

  router.get('/expert/offers/:id/withdraw', async (req, res) => {
    await renderWithdraw(res, IdParams.parse(req.params).id);
  });

  router.post('/expert/offers/:id/withdraw', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const reason = text(req.body, 'reason') ?? '';
    const done = await submitForm(WithdrawBody, { reason }, pageT(res), (valid) =>
      withdrawMatch(ctx, pageActor(res), id, valid.reason),
    );
    if (!done.ok) return renderWithdraw(res, id, done.errors, reason);
    res.redirect(303, '/expert/offers?done=matchWithdrawn');
  });

  return router;
}
