import { Router } from 'express';
import type { Context } from '../../context';
import { type FieldErrors, flatten, renderFormErrors, submitForm, toRows } from '../../lib/http/page-forms';
import type { PageLanguage, Translate } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { signupRateLimit } from '../accounts/login-rate-limit';
import { formToken } from '../accounts/session.middleware';
import { getExpertLiaison } from '../liaisons/liaison.service';
import { listMatches } from '../matches/match-queries.service';
import { recommendedNeeds } from '../ranking/recommended-needs.service';
import { recommendedRows } from '../ranking/recommended-needs-view';
import {
  availabilityInput,
  blockedPeriodsText,
  CONSENT_VERSION,
  honourRowsOf,
  ownProfileInput,
  signupInput,
  titleValues,
  windowRowsOf,
} from './expert-forms';
import { RegisterExpertBody, UpdateExpertBody } from './experts.schemas';
import { getOwnExpert, registerExpert, updateOwnExpert } from './experts.service';

const BLOCKED_PERIOD = /^availability\.blockedPeriods\.(\d+)\.(from|to)$/;

/** A bad blocked period ("availability.blockedPeriods.3.to") belongs to the one box, saying its line. */
function onBlockedBox(errors: FieldErrors, lineOf: readonly number[], t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const bad = BLOCKED_PERIOD.exec(field);
    if (!bad) out[field] ??= message;
    else
      out['availability.blockedPeriods'] ??=
        `${t('error.onLine', { line: lineOf[Number(bad[1])] ?? Number(bad[1]) + 1 })}${message}`;
  }
  return out;
}

/** The expert's pages: sign-up with consent, home, profile and availability. */
export function expertPages(ctx: Context): Router {
  const router = Router();
  const signup = { titleKey: 'expertSignup.title', consentVersion: CONSENT_VERSION };

  router.get('/expert/signup', formToken, (_req, res) => {
    res.render('experts/signup', { ...signup, values: { modes: [] } });
  });

  router.post('/expert/signup', signupRateLimit(ctx), async (req, res) => {
    const t = pageT(res);
    const input = signupInput(req.body, res.locals.lang as PageLanguage);
    const done = await submitForm(RegisterExpertBody, input, t, (valid) => registerExpert(ctx, valid));
    if (!done.ok) {
      if (done.errors['consent.accepted']) done.errors['consent.accepted'] = t('error.consent');
      const { password: _password, ...values } = req.body;
      return renderFormErrors(res, 'experts/signup', done, { ...signup, values });
    }
    // The same page whether the address was new or already registered (its owner is emailed instead).
    res.redirect(303, '/expert/signup/sent');
  });

  router.get('/expert/signup/sent', (_req, res) => {
    res.render('experts/signup-sent', { titleKey: 'signupSent.title' });
  });

  router.use('/expert', requireRole('expert'));

  router.get('/expert', async (_req, res) => {
    const actor = pageActor(res);
    const [expert, offers, liaison, suited] = await Promise.all([
      getOwnExpert(actor),
      // the page shows how many offers are open, not the offers: one row is enough to have the total
      listMatches(actor, { status: 'offered', page: 1, pageSize: 1 }),
      actor.expertId ? getExpertLiaison(actor, actor.expertId) : null,
      recommendedNeeds(ctx, actor, { page: 1, pageSize: 5 }),
    ]);
    const recommended = { ...suited, rows: recommendedRows(suited.items, res.locals.lang as PageLanguage) };
    res.render('experts/home', {
      titleKey: 'expertHome.title',
      expert,
      openOffers: offers.total,
      liaison,
      recommended,
    });
  });

  router.get('/expert/profile', async (_req, res) => {
    const expert = await getOwnExpert(pageActor(res));
    const { title: _title, ...rest } = expert;
    res.render('experts/profile', {
      titleKey: 'expertProfile.title',
      values: { ...flatten(rest), ...titleValues(expert), tags: (expert.tags ?? []).join('、') },
      honourRows: honourRowsOf(expert),
    });
  });

  router.post('/expert/profile', async (req, res) => {
    const actor = pageActor(res);
    const { input, rowOf } = ownProfileInput(req.body);
    const done = await submitForm(UpdateExpertBody, input, pageT(res), (valid) =>
      updateOwnExpert(ctx, actor, valid),
    );
    if (!done.ok) {
      return renderFormErrors(
        res,
        'experts/profile',
        { ...done, errors: toRows(done.errors, 'honours', rowOf) },
        { titleKey: 'expertProfile.title', values: req.body, honourRows: honourRowsOf(undefined, req.body) },
      );
    }
    res.redirect(303, '/expert?done=saved');
  });

  router.get('/expert/availability', async (_req, res) => {
    const expert = await getOwnExpert(pageActor(res));
    res.render('experts/availability', {
      titleKey: 'expertAvailability.title',
      values: {
        ...flatten(expert),
        'availability.blockedPeriods': blockedPeriodsText(
          expert.availability,
          res.locals.lang as PageLanguage,
        ),
      },
      windowRows: windowRowsOf(expert),
    });
  });

  router.post('/expert/availability', async (req, res) => {
    const actor = pageActor(res);
    const t = pageT(res);
    const { input, rowOf, lineOf } = availabilityInput(req.body);
    const done = await submitForm(UpdateExpertBody, input, t, (valid) => updateOwnExpert(ctx, actor, valid));
    if (!done.ok) {
      const expert = await getOwnExpert(actor);
      const errors = onBlockedBox(toRows(done.errors, 'availability.windows', rowOf), lineOf, t);
      return renderFormErrors(
        res,
        'experts/availability',
        { ...done, errors },
        {
          titleKey: 'expertAvailability.title',
          values: req.body,
          windowRows: windowRowsOf(expert, req.body),
        },
      );
    }
    res.redirect(303, '/expert?done=saved');
  });

  return router;
}
