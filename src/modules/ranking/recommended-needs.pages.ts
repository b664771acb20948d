import { Router } from 'express';
import type { Context } from '../../context';
import { urlValues } from '../../lib/http/list-pages';
import { errorsFromIssues } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ENGAGEMENT_MODES } from '../experts/expert-levels';
import { factorRows } from './candidate-page-view';
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
    const lang = res.locals.lang as PageLanguage;
    const found = await recommendedNeed(ctx, pageActor(res), String(req.params.id));
    res.render('experts/recommended-need', {
      titleKey: 'recommended.needTitle',
      need: found.need,
      fit: found.fit && {
        ...found.fit,
        score: Math.round(found.fit.score * 10) / 10,
        factors: factorRows(found.fit.contributions, lang),
      },
    });
  });
  return router;
}
