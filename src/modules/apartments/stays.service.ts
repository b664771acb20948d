import { type ClientSession, Types } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { type OutboxTransaction, withOutbox } from '../email/outbox-transaction';
import { type ExpertRecord, getExpertRecord } from '../experts/expert-records.service';
import {
  ApartmentRoom,
  ApartmentStay,
  RoomNight,
  type RoomRecord,
  type StayRecord,
  type StayStatus,
} from './apartment.model';
import type { BookStayBody, StaysQuery, StayView } from './apartments.schemas';
import { roomView } from './rooms.service';
import { addDays, chinaToday, nightList, nightsBetween } from './stay-dates';
import { type StayStep, stayEmail } from './stay-emails';

/**
 * Stays in the talent apartments. A room is booked as a whole (the expert and the family named on the
 * stay share it; `beds` is how many it sleeps), so a room holds at most one stay a night. That rule is
 * kept by the unique {roomId, night} index of RoomNight: each step that takes nights inserts them in
 * its transaction, and each that frees nights (cancel, shorten, early check-out) deletes them. Status
 * changes are conditional updates on the expected status and `to`, so two coordinators acting at once
 * cannot both win. Booking, cancelling and moving the day of leaving email the expert (outbox) in the
 * same transaction.
 */

const isDuplicateKey = (err: unknown) => (err as { code?: unknown } | undefined)?.code === 11000;

const roomTaken = () =>
  new ConflictError('The room is already booked for some of these nights.', 'ROOM_TAKEN');

function stayView(s: StayRecord, room: RoomRecord): StayView {
  const { id, building, number, floor, beds, features } = roomView(room);
  return {
    id: String(s._id),
    room: { id, building, number, floor, beds, features },
    expertId: String(s.expertId),
    guests: s.guests.map((g) => ({ name: g.name, relation: g.relation })),
    from: s.from,
    to: s.to,
    nights: nightsBetween(s.from, s.to),
    bookedTo: s.bookedTo,
    status: s.status,
    note: s.note ?? null,
    cancelReason: s.cancelReason ?? null,
    checkedInAt: s.checkedInAt ?? null,
    checkedOutAt: s.checkedOutAt ?? null,
    cancelledAt: s.cancelledAt ?? null,
    createdAt: s.createdAt,
  };
}

async function viewsOf(stays: StayRecord[], session?: ClientSession): Promise<StayView[]> {
  const roomIds = [...new Set(stays.map((s) => String(s.roomId)))];
  const rooms = await ApartmentRoom.find({ _id: { $in: roomIds } })
    .session(session ?? null)
    .lean<RoomRecord[]>();
  const byId = new Map(rooms.map((r) => [String(r._id), r]));
  return stays.map((s) => stayView(s, byId.get(String(s.roomId)) as RoomRecord));
}

/** Takes the nights [from, to) of a room for a stay, or throws ROOM_TAKEN; inside the step's transaction. */
async function takeNights(
  roomId: unknown,
  stayId: unknown,
  from: string,
  to: string,
  session: ClientSession,
) {
  const docs = nightList(from, to).map((night) => ({ roomId, night, stayId }));
  try {
    await RoomNight.insertMany(docs, { session, ordered: true });
  } catch (err) {
    if (isDuplicateKey(err)) throw roomTaken();
    throw err;
  }
}

async function freeNightsFrom(stayId: Types.ObjectId, day: string, session: ClientSession) {
  await RoomNight.deleteMany({ stayId, night: { $gte: day } }, { session });
}

/** The expert hears of the step in its transaction; one with no address on file is not written to. */
async function tellExpert(
  ctx: Context,
  tx: OutboxTransaction,
  step: StayStep,
  view: StayView,
  expert?: ExpertRecord,
) {
  const email = stayEmail(ctx, step, view, expert ?? (await getExpertRecord(view.expertId, tx.session)));
  if (email) await tx.email(email);
}

/** Books a room for an expert (coordinators and admins). 400 names the field; 409 ROOM_TAKEN. */
export async function bookStay(
  ctx: Context,
  actor: Actor,
  input: BookStayBody,
  now = new Date(),
): Promise<StayView> {
  const today = chinaToday(now);
  if (input.from < today) {
    throw new ValidationError('A stay cannot start in the past.', [
      { path: 'body.from', message: 'must not be in the past' },
    ]);
  }
  try {
    const view = await withOutbox(ctx, async (tx) => {
      const { session } = tx;
      const room = await ApartmentRoom.findById(input.roomId).session(session).lean<RoomRecord>();
      if (!room)
        throw new ValidationError('No such room.', [{ path: 'body.roomId', message: 'unknown room' }]);
      if (!room.active) throw new ConflictError('This room takes no bookings now.', 'ROOM_INACTIVE');
      if (1 + input.guests.length > room.beds) {
        throw new ValidationError('More people than the room sleeps.', [
          { path: 'body.guests', message: `the room sleeps ${room.beds}` },
        ]);
      }
      const expert = await getExpertRecord(input.expertId, session);
      if (!expert || expert.status === 'deleted') {
        throw new ValidationError('No such expert.', [{ path: 'body.expertId', message: 'unknown expert' }]);
      }
      const stayId = new Types.ObjectId();
      await takeNights(room._id, stayId, input.from, input.to, session);
      const [stay] = await ApartmentStay.create(
        [
          {
            _id: stayId,
            roomId: room._id,
            expertId: input.expertId,
            guests: input.guests,
            from: input.from,
            to: input.to,
            bookedTo: input.to,
            status: 'booked',
            note: input.note || undefined,
            bookedBy: actor.userId,
            history: [{ status: 'booked', at: now, byUserId: actor.userId }],
          },
        ],
        { session },
      );
      await recordAudit(
        actor,
        'apartment-stay.book',
        { type: 'apartment-stay', id: String(stayId) },
        {
          roomId: input.roomId,
          expertId: input.expertId,
          from: input.from,
          to: input.to,
          guests: input.guests.length,
        },
        session,
      );
      const booked = stayView(stay.toObject() as StayRecord, room);
      await tellExpert(ctx, tx, { kind: 'apartment-stay-booked', at: now }, booked, expert);
      return booked;
    });
    ctx.logger.info({ stayId: view.id, roomId: input.roomId }, 'apartment stay booked');
    return view;
  } catch (err) {
    if (err instanceof ConflictError && err.code === 'ROOM_TAKEN') {
      ctx.logger.info({ roomId: input.roomId }, 'apartment booking refused: room taken');
    }
    throw err;
  }
}

/** The stay as its current status; 404 when unknown; 409 ILLEGAL_TRANSITION unless in `expected`. */
async function stayIn(id: string, expected: readonly StayStatus[], session: ClientSession) {
  const stay = await ApartmentStay.findById(id).session(session).lean<StayRecord>();
  if (!stay) throw new NotFoundError('Stay');
  if (!expected.includes(stay.status)) {
    throw new ConflictError(`The stay is ${stay.status}.`, 'ILLEGAL_TRANSITION', { status: stay.status });
  }
  return stay;
}

/** One conditional update: the stay must still be as read (status and `to`), else 409 CONCURRENT_UPDATE. */
async function moveStay(stay: StayRecord, update: Record<string, unknown>, session: ClientSession) {
  const after = await ApartmentStay.findOneAndUpdate(
    { _id: stay._id, status: stay.status, to: stay.to },
    update,
    {
      session,
      returnDocument: 'after',
    },
  ).lean<StayRecord>();
  if (!after) throw new ConflictError('The stay changed meanwhile; reload it.', 'CONCURRENT_UPDATE');
  return after;
}

async function finish(
  actor: Actor,
  action: string,
  after: StayRecord,
  details: Record<string, unknown>,
  session: ClientSession,
) {
  await recordAudit(
    actor,
    `apartment-stay.${action}`,
    { type: 'apartment-stay', id: String(after._id) },
    details,
    session,
  );
  const [view] = await viewsOf([after], session);
  return view;
}

export async function checkIn(actor: Actor, id: string, now = new Date()): Promise<StayView> {
  const today = chinaToday(now);
  return withTransaction(async (session) => {
    const stay = await stayIn(id, ['booked'], session);
    if (today < stay.from) {
      throw new ConflictError(`The stay begins on ${stay.from}.`, 'STAY_NOT_STARTED', { from: stay.from });
    }
    const after = await moveStay(
      stay,
      {
        $set: { status: 'checked_in', checkedInAt: now },
        $push: { history: { status: 'checked_in', at: now, byUserId: actor.userId } },
      },
      session,
    );
    return finish(actor, 'check-in', after, { roomId: String(stay.roomId), on: today }, session);
  });
}

/** Checks out; leaving before `to` frees the nights from today on (the stay then ends today). */
export async function checkOut(actor: Actor, id: string, now = new Date()): Promise<StayView> {
  const today = chinaToday(now);
  return withTransaction(async (session) => {
    const stay = await stayIn(id, ['checked_in'], session);
    const leaving = today < stay.to ? (today > stay.from ? today : addDays(stay.from, 1)) : stay.to;
    if (leaving < stay.to) await freeNightsFrom(stay._id, leaving, session);
    const after = await moveStay(
      stay,
      {
        $set: { status: 'checked_out', checkedOutAt: now, to: leaving },
        $push: {
          history: {
            status: 'checked_out',
            at: now,
            byUserId: actor.userId,
            previousTo: stay.to,
            to: leaving,
          },
        },
      },
      session,
    );
    return finish(
      actor,
      'check-out',
      after,
      { roomId: String(stay.roomId), on: today, freedFrom: leaving < stay.to ? leaving : null },
      session,
    );
  });
}

/** Cancels a booking not yet checked in, with the reason; its nights are free again. */
export async function cancelStay(
  ctx: Context,
  actor: Actor,
  id: string,
  reason: string,
  now = new Date(),
): Promise<StayView> {
  return withOutbox(ctx, async (tx) => {
    const { session } = tx;
    const stay = await stayIn(id, ['booked'], session);
    await freeNightsFrom(stay._id, stay.from, session);
    const after = await moveStay(
      stay,
      {
        $set: { status: 'cancelled', cancelledAt: now, cancelReason: reason },
        $push: { history: { status: 'cancelled', at: now, byUserId: actor.userId, reason } },
      },
      session,
    );
    const view = await finish(actor, 'cancel', after, { roomId: String(stay.roomId) }, session);
    await tellExpert(ctx, tx, { kind: 'apartment-stay-cancelled', at: now, reason }, view);
    return view;
  });
}

/** Moves the day of leaving: earlier frees nights, later takes more (409 ROOM_TAKEN when they are not free). */
export async function changeStayEnd(
  ctx: Context,
  actor: Actor,
  id: string,
  to: string,
  now = new Date(),
): Promise<StayView> {
  const today = chinaToday(now);
  return withOutbox(ctx, async (tx) => {
    const { session } = tx;
    const stay = await stayIn(id, ['booked', 'checked_in'], session);
    const earliest = stay.status === 'checked_in' && today > stay.from ? today : addDays(stay.from, 1);
    if (to < earliest) {
      throw new ValidationError('The stay would end too early.', [
        { path: 'body.to', message: `must be ${earliest} or later` },
      ]);
    }
    if (nightsBetween(stay.from, to) > 366) {
      throw new ValidationError('A stay is at most 366 nights.', [
        { path: 'body.to', message: 'a stay is at most 366 nights' },
      ]);
    }
    if (to < stay.to) await freeNightsFrom(stay._id, to, session);
    if (to > stay.to) await takeNights(stay.roomId, stay._id, stay.to, to, session);
    const after = await moveStay(
      stay,
      {
        $set: { to },
        $push: { history: { status: stay.status, at: now, byUserId: actor.userId, previousTo: stay.to, to } },
      },
      session,
    );
    const view = await finish(
      actor,
      'change-dates',
      after,
      { roomId: String(stay.roomId), previousTo: stay.to, to },
      session,
    );
    if (to !== stay.to) {
      await tellExpert(ctx, tx, { kind: 'apartment-stay-changed', at: now, previousTo: stay.to }, view);
    }
    return view;
  });
}

export async function listStays(query: StaysQuery, now = new Date()): Promise<StayView[]> {
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.roomId) filter.roomId = query.roomId;
  if (query.expertId) filter.expertId = query.expertId;
  if (query.current) {
    filter.status = query.status ?? { $in: ['booked', 'checked_in'] };
    filter.to = { $gte: chinaToday(now) };
  }
  const stays = await ApartmentStay.find(filter).sort({ from: 1, _id: 1 }).limit(500).lean<StayRecord[]>();
  return viewsOf(stays);
}

/** The signed-in expert's own stays, latest first. */
export async function myStays(actor: Actor): Promise<StayView[]> {
  if (!actor.expertId) return [];
  const stays = await ApartmentStay.find({ expertId: actor.expertId })
    .sort({ from: -1, _id: -1 })
    .lean<StayRecord[]>();
  return viewsOf(stays);
}

/** One stay: staff see any; an expert only their own (another's is a 404). */
export async function getStay(actor: Actor, id: string): Promise<StayView> {
  const stay = await ApartmentStay.findById(id).lean<StayRecord>();
  if (!stay || (!isStaff(actor) && String(stay.expertId) !== actor.expertId)) throw new NotFoundError('Stay');
  const [view] = await viewsOf([stay]);
  return view;
}

/** Every stay of the expert, latest first (their data export). */
export async function staysOfExpert(expertId: string): Promise<StayView[]> {
  const stays = await ApartmentStay.find({ expertId }).sort({ from: -1, _id: -1 }).lean<StayRecord[]>();
  return viewsOf(stays);
}

const EXPERT_ERASED_REASON = 'expert deleted their data';

/**
 * When an expert deletes their data: each booked stay not yet begun (from today on) is cancelled and
 * its nights freed, one transaction each with a conditional update on `booked`; then the family members
 * named on any of the expert's stays are removed. Stays under way or past keep their dates for the
 * occupancy counts. Safe to run again.
 */
export async function forgetExpertStays(
  actor: Actor,
  expertId: string,
  now = new Date(),
): Promise<{ cancelled: number }> {
  const today = chinaToday(now);
  const booked = await ApartmentStay.find({ expertId, status: 'booked', from: { $gte: today } })
    .select('_id')
    .lean<Pick<StayRecord, '_id'>[]>();
  let cancelled = 0;
  for (const { _id } of booked) {
    const done = await withTransaction(async (session) => {
      const stay = await ApartmentStay.findOne({ _id, status: 'booked' }).session(session).lean<StayRecord>();
      if (!stay) return false; // checked in or cancelled meanwhile
      await freeNightsFrom(stay._id, stay.from, session);
      await moveStay(
        stay,
        {
          $set: { status: 'cancelled', cancelledAt: now, cancelReason: EXPERT_ERASED_REASON },
          $push: {
            history: { status: 'cancelled', at: now, byUserId: actor.userId, reason: EXPERT_ERASED_REASON },
          },
        },
        session,
      );
      await recordAudit(
        actor,
        'apartment-stay.cancel',
        { type: 'apartment-stay', id: String(stay._id) },
        { roomId: String(stay.roomId), reason: EXPERT_ERASED_REASON },
        session,
      );
      return true;
    });
    if (done) cancelled += 1;
  }
  await ApartmentStay.updateMany({ expertId, 'guests.0': { $exists: true } }, { $set: { guests: [] } });
  return { cancelled };
}
