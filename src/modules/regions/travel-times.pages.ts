import { type Response, Router } from 'express';
import { type FieldErrors, required, submitForm } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { TravelOverrideBody, TravelTimeQuery } from './regions.routes';
import { RegionCode } from './regions.schemas';
import {
  clearTravelOverride,
  durationText,
  getTravelTime,
  listTravelOverrides,
  setTravelOverride,
} from './travel-overrides.service';

/**
 * Coordinators look up the driving time the ranking uses between two county seats and correct it when
 * they know better (a road closed, a new expressway): the same service calls as the API, audited there.
 */
async function renderTravelTimes(
  res: Response,
  pair: { from?: string; to?: string },
  options: { errors?: FieldErrors; status?: number; values?: Record<string, unknown> } = {},
) {
  const query = TravelTimeQuery.safeParse(pair);
  const found = query.success ? await getTravelTime(query.data.from, query.data.to) : undefined;
  const overrides = await listTravelOverrides();
  res.status(options.status ?? 200).render('coordinator/travel-times', {
    titleKey: 'travel.title',
    found: found && { ...found, words: durationText(found.minutes) },
    overrides: overrides.map((o) => ({
      ...o,
      words: durationText(o.minutes),
      modelWords: durationText(o.roadModelMinutes),
    })),
    values: { from: pair.from ?? '', to: pair.to ?? '', minutes: found?.minutes ?? '', ...options.values },
    errors: options.errors,
  });
}

export function travelTimePages(): Router {
  const router = Router();
  router.use('/coordinator/travel-times', requireRole('coordinator', 'admin'));

  router.get('/coordinator/travel-times', async (req, res) => {
    const from = typeof req.query.from === 'string' ? req.query.from : undefined;
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    await renderTravelTimes(res, { from, to });
  });

  router.post('/coordinator/travel-times', async (req, res) => {
    const minutes = required(req.body, 'minutes');
    const input = {
      from: required(req.body, 'from'),
      to: required(req.body, 'to'),
      // a number when it reads as one, else the text itself, so the schema names the field
      minutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes,
      note: required(req.body, 'note'),
    };
    const done = await submitForm(TravelOverrideBody, input, pageT(res), (valid) =>
      setTravelOverride(pageActor(res), valid),
    );
    if (!done.ok) {
      return renderTravelTimes(
        res,
        { from: input.from, to: input.to },
        { errors: done.errors, status: done.status, values: req.body },
      );
    }
    res.redirect(303, `/coordinator/travel-times?from=${input.from}&to=${input.to}&done=travelSaved`);
  });

  router.post('/coordinator/travel-times/:from/:to/clear', async (req, res) => {
    const from = RegionCode.parse(req.params.from);
    const to = RegionCode.parse(req.params.to);
    await clearTravelOverride(pageActor(res), from, to);
    res.redirect(303, `/coordinator/travel-times?from=${from}&to=${to}&done=travelCleared`);
  });
  return router;
}
