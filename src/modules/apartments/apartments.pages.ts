import { type Request, type Response, Router } from 'express';
import type { Context } from '../../context';
import { ValidationError } from '../../lib/errors';
import {
  checked,
  type FieldErrors,
  list,
  num,
  required,
  rows,
  submitForm,
  text,
  toRows,
} from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { expertLabels, findExpertsNamed } from '../experts/expert-records.service';
import { GUEST_RELATIONS, ROOM_FEATURES } from './apartment.model';
import { BookStayBody, CancelStayBody, OccupancyQuery, RoomBody } from './apartments.schemas';
import { occupancyByWeek, occupancyCsv } from './occupancy.service';
import { createRoom, listRooms, updateRoom } from './rooms.service';
import { chinaToday } from './stay-dates';
import { bookStay, cancelStay, checkIn, checkOut, listStays, myStays } from './stays.service';

/** The apartments desk of the talent office, and the expert's own stay: the API's services, on pages. */

type RenderOptions = { errors?: FieldErrors; status?: number; values?: Record<string, unknown> };

async function renderDesk(res: Response, options: RenderOptions = {}) {
  const t = pageT(res);
  const [stays, rooms] = await Promise.all([listStays({ current: true }), listRooms({ active: true })]);
  const names = await expertLabels(stays.map((s) => s.expertId));
  res.status(options.status ?? 200).render('apartments/desk', {
    titleKey: 'apartment.deskTitle',
    today: chinaToday(),
    stays: stays.map((s) => ({ ...s, expertName: names.get(s.expertId)?.name ?? '—' })),
    roomOptions: rooms.map((r) => ({
      value: r.id,
      label: t('apartment.roomLabel', { building: r.building, number: r.number, beds: r.beds }),
    })),
    relationOptions: GUEST_RELATIONS.map((value) => ({ value, label: t(`guestRelation.${value}`) })),
    values: options.values ?? {},
    errors: options.errors,
  });
}

async function renderRooms(res: Response, options: RenderOptions = {}) {
  const t = pageT(res);
  res.status(options.status ?? 200).render('apartments/rooms', {
    titleKey: 'apartment.roomsTitle',
    rooms: await listRooms(),
    featureOptions: ROOM_FEATURES.map((value) => ({ value, label: t(`roomFeature.${value}`) })),
    values: options.values ?? { active: 'true' },
    errors: options.errors,
  });
}

/** The expert typed by name, email or id: exactly one, or a field error. */
async function resolveExpert(res: Response, typed: string): Promise<{ id?: string; error?: string }> {
  const t = pageT(res);
  if (!typed) return { error: t('error.required') };
  const found = await findExpertsNamed(typed);
  if (found.length === 1) return { id: found[0].id };
  return { error: t(found.length === 0 ? 'apartment.noSuchExpert' : 'apartment.severalExperts') };
}

const occupancyQuery = (req: Request) =>
  OccupancyQuery.parse({
    from: typeof req.query.from === 'string' && req.query.from ? req.query.from : undefined,
    weeks: typeof req.query.weeks === 'string' && req.query.weeks ? req.query.weeks : undefined,
  });

export function apartmentPages(ctx: Context): Router {
  const router = Router();
  router.use('/coordinator/apartments', requireRole('coordinator', 'admin'));
  router.use('/expert/apartment', requireRole('expert'));

  router.get('/coordinator/apartments', async (_req, res) => {
    await renderDesk(res);
  });

  router.post('/coordinator/apartments/stays', async (req, res) => {
    const t = pageT(res);
    const expert = await resolveExpert(res, required(req.body, 'expert'));
    const guests = rows(req.body, 'guests', ['name', 'relation']);
    const input = {
      roomId: required(req.body, 'roomId'),
      expertId: expert.id ?? '000000000000000000000000',
      from: required(req.body, 'stay.from'),
      to: required(req.body, 'stay.to'),
      guests: guests.items,
      note: text(req.body, 'stay.note'),
    };
    const done = await submitForm(BookStayBody, input, t, async (valid) => {
      // the other fields are still checked, so every error shows at once
      if (!expert.id)
        throw new ValidationError('No such expert.', [{ path: 'body.expert', message: 'unknown' }]);
      return bookStay(ctx, pageActor(res), valid);
    });
    if (!done.ok) {
      const errors: FieldErrors = toRows(done.errors, 'guests', guests.rowOf);
      if (expert.error) errors.expert = expert.error;
      else if (errors.expertId) errors.expert = errors.expertId;
      delete errors.expertId;
      // the page's date and note fields are "stay.*": "from", "to" and "note" name other things elsewhere
      for (const k of ['from', 'to', 'note']) {
        if (errors[k]) errors[`stay.${k}`] = errors[k];
        delete errors[k];
      }
      return renderDesk(res, { errors, status: done.status, values: req.body });
    }
    res.redirect(303, '/coordinator/apartments?done=stayBooked');
  });

  for (const [step, run] of [
    ['check-in', checkIn],
    ['check-out', checkOut],
  ] as const) {
    router.post(`/coordinator/apartments/stays/:id/${step}`, async (req, res) => {
      await run(pageActor(res), ObjectIdString.parse(req.params.id));
      res.redirect(303, `/coordinator/apartments?done=${step === 'check-in' ? 'checkedIn' : 'checkedOut'}`);
    });
  }

  router.post('/coordinator/apartments/stays/:id/cancel', async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const done = await submitForm(
      CancelStayBody,
      { reason: required(req.body, 'reason') },
      pageT(res),
      (valid) => cancelStay(ctx, pageActor(res), id, valid.reason),
    );
    if (!done.ok) {
      const message = done.errors._form ?? pageT(res)('apartment.reasonNeeded');
      return renderDesk(res, { errors: { _form: message }, status: done.status });
    }
    res.redirect(303, '/coordinator/apartments?done=stayCancelled');
  });

  router.get('/coordinator/apartments/rooms', async (_req, res) => {
    await renderRooms(res);
  });

  router.post('/coordinator/apartments/rooms', async (req, res) => {
    const input = {
      building: required(req.body, 'building'),
      number: required(req.body, 'number'),
      floor: num(req.body, 'floor'),
      beds: num(req.body, 'beds'),
      features: list(req.body, 'features'),
      active: checked(req.body, 'active'),
    };
    const done = await submitForm(RoomBody, input, pageT(res), (valid) => createRoom(pageActor(res), valid));
    if (!done.ok) return renderRooms(res, { errors: done.errors, status: done.status, values: req.body });
    res.redirect(303, '/coordinator/apartments/rooms?done=roomAdded');
  });

  router.post('/coordinator/apartments/rooms/:id/active', async (req, res) => {
    const active = checked(req.body, 'active');
    await updateRoom(pageActor(res), ObjectIdString.parse(req.params.id), { active });
    res.redirect(303, '/coordinator/apartments/rooms?done=saved');
  });

  router.get('/coordinator/apartments/occupancy', async (req, res) => {
    const occupancy = await occupancyByWeek(occupancyQuery(req));
    res.render('apartments/occupancy', {
      titleKey: 'apartment.occupancyTitle',
      occupancy,
      rows: occupancy.items.map((r) => ({
        ...r,
        percent: r.occupancy === null ? '—' : `${Math.round(r.occupancy * 100)}%`,
      })),
    });
  });

  router.get('/coordinator/apartments/occupancy.csv', async (req, res) => {
    const t = pageT(res);
    const occupancy = await occupancyByWeek(occupancyQuery(req));
    const headings = [
      'week',
      'weekStart',
      'building',
      'rooms',
      'nightsAvailable',
      'nightsBooked',
      'occupancy',
    ];
    res
      .type('text/csv; charset=utf-8')
      .attachment(`yinling-apartments-${occupancy.from}.csv`)
      .send(
        occupancyCsv(
          occupancy,
          headings.map((h) => t(`apartment.col.${h}`)),
        ),
      );
  });

  router.get('/expert/apartment', async (_req, res) => {
    const stays = await myStays(pageActor(res));
    const open = (s: (typeof stays)[number]) => s.status === 'booked' || s.status === 'checked_in';
    res.render('apartments/mine', {
      titleKey: 'apartment.mineTitle',
      current: stays.filter(open).reverse(),
      past: stays.filter((s) => !open(s)),
    });
  });

  return router;
}
