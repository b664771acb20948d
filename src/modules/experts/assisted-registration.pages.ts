import { Router } from 'express';
import type { Context } from '../../context';
import { renderFormErrors, submitForm, text, toRows } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { assistedInput, CONSENT_VERSION, EXTRA_WINDOW_ROWS, honourRowsOf } from './expert-forms';
import { AssistedExpertBody } from './experts.schemas';
import { createAssistedExpert } from './experts.service';

type Body = Record<string, unknown>;

/** Rows a form shows of a repeated group: those sent (the highest index + 1), at least `min`. */
function rowsSent(body: Body, prefix: string, min: number): number {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  const indexes = Object.keys(body).flatMap((k) => pattern.exec(k)?.[1] ?? []);
  return Math.max(min, Math.max(-1, ...indexes.map(Number)) + 1);
}

/**
 * A coordinator fills in the profile of an expert who came to the office (or was visited) and gave
 * consent in person after the notice was read to them; the service records who recorded it, when,
 * and which text version. The account has no password until the expert asks for one; an expert
 * without an email gets no account at all (the office reaches them by phone).
 */
export function assistedRegistrationPages(ctx: Context): Router {
  const router = Router();
  const page = { titleKey: 'assisted.title', consentVersion: CONSENT_VERSION };
  router.use('/coordinator/experts', requireRole('coordinator', 'admin'));

  router.get('/coordinator/experts/new', (_req, res) => {
    res.render('coordinator/expert-new', {
      ...page,
      values: { preferredLanguage: 'zh-CN', 'availability.maxConcurrent': 1 },
      honourRows: honourRowsOf(undefined),
      windowRows: EXTRA_WINDOW_ROWS,
    });
  });

  router.post('/coordinator/experts', async (req, res) => {
    const t = pageT(res);
    const language = text(req.body, 'preferredLanguage') === 'en' ? 'en' : 'zh-CN';
    const { input, rowOf, windowRowOf } = assistedInput(req.body, language);
    const done = await submitForm(AssistedExpertBody, input, t, (valid) =>
      createAssistedExpert(ctx, pageActor(res), valid),
    );
    if (!done.ok) {
      const errors = toRows(toRows(done.errors, 'honours', rowOf), 'availability.windows', windowRowOf);
      if (errors['consent.accepted']) errors['consent.accepted'] = t('assisted.consentMissing');
      if (errors.phone && !input.email && !input.phone) errors.phone = t('assisted.phoneOrEmail');
      return renderFormErrors(
        res,
        'coordinator/expert-new',
        { ...done, errors },
        {
          ...page,
          values: req.body,
          honourRows: rowsSent(req.body, 'honours', 1),
          windowRows: rowsSent(req.body, 'availability.windows', EXTRA_WINDOW_ROWS),
        },
      );
    }
    res.redirect(303, `/coordinator/experts/${done.result.id}?done=expertRegistered`);
  });

  return router;
}
