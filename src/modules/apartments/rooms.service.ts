import type { ClientSession } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import { ApartmentRoom, type RoomRecord } from './apartment.model';
import type { RoomBody, RoomPatch, RoomView } from './apartments.schemas';

/** The rooms of the talent apartments, kept by coordinators and admins; every change is audited. */

export function roomView(r: RoomRecord): RoomView {
  return {
    id: String(r._id),
    building: r.building,
    number: r.number,
    floor: r.floor,
    beds: r.beds,
    features: [...r.features],
    active: r.active,
  };
}

const isDuplicateKey = (err: unknown) => (err as { code?: unknown } | undefined)?.code === 11000;

export async function createRoom(actor: Actor, input: RoomBody): Promise<RoomView> {
  try {
    return await withTransaction(async (session) => {
      const [room] = await ApartmentRoom.create([input], { session });
      await recordAudit(
        actor,
        'apartment-room.create',
        { type: 'apartment-room', id: String(room._id) },
        { building: input.building, number: input.number, beds: input.beds, active: input.active },
        session,
      );
      return roomView(room.toObject() as RoomRecord);
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw new ConflictError('This building already has a room with this number.', 'ROOM_EXISTS', [
        { path: 'body.number', message: 'already exists in this building' },
      ]);
    }
    throw err;
  }
}

export async function updateRoom(actor: Actor, id: string, patch: RoomPatch): Promise<RoomView> {
  return withTransaction(async (session) => {
    const before = await ApartmentRoom.findById(id).session(session).lean<RoomRecord>();
    if (!before) throw new NotFoundError('Room');
    const room = await ApartmentRoom.findByIdAndUpdate(
      id,
      { $set: patch },
      { session, returnDocument: 'after' },
    )
      .lean<RoomRecord>()
      .orFail();
    const changed = Object.keys(patch).filter(
      (k) => JSON.stringify(before[k as keyof RoomRecord]) !== JSON.stringify(room[k as keyof RoomRecord]),
    );
    await recordAudit(
      actor,
      'apartment-room.update',
      { type: 'apartment-room', id },
      { changed, active: room.active },
      session,
    );
    return roomView(room);
  });
}

export async function listRooms(filter: { active?: boolean } = {}): Promise<RoomView[]> {
  const query = filter.active === undefined ? {} : { active: filter.active };
  const rooms = await ApartmentRoom.find(query).sort({ building: 1, number: 1 }).lean<RoomRecord[]>();
  return rooms.map(roomView);
}

export async function getRoomRecord(id: string, session?: ClientSession): Promise<RoomRecord | undefined> {
  return (
    (await ApartmentRoom.findById(id)
      .session(session ?? null)
      .lean<RoomRecord>()) ?? undefined
  );
}
