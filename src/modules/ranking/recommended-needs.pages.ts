import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import { urlValues } from '../../lib/http/list-pages';
import { errorsFromIssues, type FieldErrors, submitForm, text } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ENGAGEMENT_MODES } from '../experts/expert-levels';
import { factorRows } from './candidate-page-view';
import { MAX_INTEREST_NOTE } from './interest.model';
import { InterestBody } from './interest.schemas';
import { expressInterest, myInterestIn, withdrawInterest } from './interest.service';
import { RecommendedNeedsQuery } from './recommended-needs.schemas';
import { recommendedNeed, recommendedNeeds } from './recommended-needs.service';
import { recommendedRows } from './recommended-needs-view';

const PATH = '/expert/recommended';
const PAGE_SIZE = 10;

/** The expert's full list of needs that suit them (filters as a plain GET form), and one need's page. */
export function recommendedNeedPages(ctx: Context): Router {
  const router = Router();
  router.use(PATH, requireRole('expert'));

  router.get(PATH, async (req, res) => {
    const lang = res.locals.lang as PageLanguage;
    const values = urlValues(req.query);
    const parsed = RecommendedNeedsQuery.safeParse({ pageSize: String(PAGE_SIZE), ...values });
    const view = { titleKey: 'recommended.title', values, modes: ENGAGEMENT_MODES };
    if (!parsed.success) {
      return res.status(400).render('experts/recommended', {
        ...view,
        errors: errorsFromIssues(parsed.error.issues, pageT(res)),
      });
    }
    const result = await recommendedNeeds(ctx, pageActor(res), parsed.data);
    const { page, pageSize, total } = result;
    const link = (p: number) => `${PATH}?${new URLSearchParams({ ...values, page: String(p) })}`;
    res.render('experts/recommended', {
      ...view,
      result,
      rows: recommendedRows(result.items, lang),
      pages: { page, of: Math.max(1, Math.ceil(total / pageSize)) },
      links: {
        prev: page > 1 ? link(page - 1) : null,
        next: page * pageSize < total ? link(page + 1) : null,
      },
    });
  });

  router.get(`${PATH}/:id`, async (req, res) => {
    await renderRecommendedNeed(ctx, res, String(req.params.id));
  });

  router.post(`${PATH}/:id/interest`, async (req, res) => {
    const id = String(req.params.id);
    const note = text(req.body, 'interestNote') ?? '';
    const t = pageT(res);
    const done = await submitForm(InterestBody, { note }, t, (valid) =>
      expressInterest(ctx, pageActor(res), id, valid),
    );
    if (!done.ok) {
      // the form's field is interestNote (field.note names another form's field)
      const { note: noteError, ...errors } = done.errors;
      // NOT_ELIGIBLE's general words are the talent services'; here they are about this need
      if (errors._form === t('error.code.NOT_ELIGIBLE')) errors._form = t('interest.notEligible');
      return renderRecommendedNeed(ctx, res, id, {
        errors: noteError ? { ...errors, interestNote: noteError } : errors,
        values: { interestNote: note },
        status: done.status,
      });
    }
    res.redirect(303, `${PATH}/${id}?done=interestSaved`);
  });

  router.post(`${PATH}/:id/interest/withdraw`, async (req, res) => {
    const id = String(req.params.id);
    const done = await submitForm(z.object({}), {}, pageT(res), () =>
      withdrawInterest(ctx, pageActor(res), id),
    );
    if (!done.ok) return renderRecommendedNeed(ctx, res, id, { errors: done.errors, status: done.status });
    res.redirect(303, `${PATH}/${id}?done=interestWithdrawn`);
  });
  return router;
}

/**
 * One need as the expert sees it: why it suits them, and "我有意向" (with an optional note) while they
 * meet it, or "撤回意向" while the office has not proposed them yet.
 */
async function renderRecommendedNeed(
  ctx: Context,
  res: Response,
  needId: string,
  form: { errors?: FieldErrors; values?: Record<string, unknown>; status?: number } = {},
) {
  const lang = res.locals.lang as PageLanguage;
  const actor = pageActor(res);
  const found = await recommendedNeed(ctx, actor, needId);
  const interest = await myInterestIn(actor, needId);
  res.status(form.status ?? 200).render('experts/recommended-need', {
    titleKey: 'recommended.needTitle',
    need: found.need,
    fit: found.fit && {
      ...found.fit,
      score: Math.round(found.fit.score * 10) / 10,
      factors: factorRows(found.fit.contributions, lang),
    },
    interest,
    canExpress: !interest && found.fit !== null && !found.fit.atLimit,
    noteMax: MAX_INTEREST_NOTE,
    errors: form.errors,
    values: form.values ?? {},
  });
}
