import { Router } from 'express';
import type { Context } from '../../context';
import { renderFormErrors, submitForm, text } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { CONSENT_VERSION, signupInput } from './expert-forms';
import { AssistedExpertBody } from './experts.schemas';
import { createAssistedExpert } from './experts.service';

/**
 * A coordinator fills in the profile of an expert who came to the office (or was visited) and gave
 * consent in person after the notice was read to them; the service records who recorded it, when,
 * and which text version. The account has no password until the expert asks for one.
 */
export function assistedRegistrationPages(ctx: Context): Router {
  const router = Router();
  const page = { titleKey: 'assisted.title', consentVersion: CONSENT_VERSION };
  router.use('/coordinator/experts', requireRole('coordinator', 'admin'));

  router.get('/coordinator/experts/new', (_req, res) => {
    res.render('coordinator/expert-new', { ...page, values: { preferredLanguage: 'zh-CN' } });
  });

  router.post('/coordinator/experts', async (req, res) => {
    const t = pageT(res);
    const language = text(req.body, 'preferredLanguage') === 'en' ? 'en' : 'zh-CN';
    const { password: _password, ...input } = signupInput(req.body, language);
    const done = await submitForm(AssistedExpertBody, input, t, (valid) =>
      createAssistedExpert(ctx, pageActor(res), valid),
    );
    if (!done.ok) {
      if (done.errors['consent.accepted']) done.errors['consent.accepted'] = t('assisted.consentMissing');
      return renderFormErrors(res, 'coordinator/expert-new', done, { ...page, values: req.body });
    }
    res.redirect(303, `/coordinator/experts/new?done=expertRegistered`);
  });

  return router;
}
