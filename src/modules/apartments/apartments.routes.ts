import { z } from 'zod';
import type { Context } from '../../context';
import { createApiRouter } from '../../lib/http/api-router';
import { IdParams } from '../../lib/schemas';
import {
  BookStayBody,
  CancelStayBody,
  ChangeStayBody,
  OccupancyQuery,
  OccupancyView,
  RoomBody,
  RoomPatch,
  RoomView,
  StaysQuery,
  StayView,
} from './apartments.schemas';
import { occupancyByWeek } from './occupancy.service';
import { createRoom, listRooms, updateRoom } from './rooms.service';
import {
  bookStay,
  cancelStay,
  changeStayEnd,
  checkIn,
  checkOut,
  getStay,
  listStays,
  myStays,
} from './stays.service';

const STAFF = ['coordinator', 'admin'] as const;
const Stays = z.object({ items: z.array(StayView) });

/** Talent apartments (人才公寓): rooms, stays that never overlap, check-in and check-out, occupancy. */
export function apartmentRoutes(ctx: Context) {
  const api = createApiRouter('/apartments', 'Talent apartments');

  api.route({
    method: 'get',
    path: '/rooms',
    summary: 'Every room, active or not (coordinators and admins)',
    access: STAFF,
    success: { status: 200, schema: z.object({ items: z.array(RoomView) }) },
    handler: async () => ({ items: await listRooms() }),
  });
  api.route({
    method: 'post',
    path: '/rooms',
    summary: 'Add a room (audited); 409 ROOM_EXISTS when the building has that number already',
    access: STAFF,
    request: { body: RoomBody },
    success: { status: 201, schema: RoomView },
    errors: [409],
    handler: ({ actor, input }) => createRoom(actor, input.body),
  });
  api.route({
    method: 'patch',
    path: '/rooms/:id',
    summary: 'Change a room: floor, beds, features, or take it out of (back into) service (audited)',
    access: STAFF,
    request: { params: IdParams, body: RoomPatch },
    success: { status: 200, schema: RoomView },
    errors: [404],
    handler: ({ actor, input }) => updateRoom(actor, input.params.id, input.body),
  });

  api.route({
    method: 'get',
    path: '/stays/mine',
    summary: "The signed-in expert's stays, latest first",
    access: ['expert'],
    success: { status: 200, schema: Stays },
    handler: async ({ actor }) => ({ items: await myStays(actor) }),
  });
  api.route({
    method: 'get',
    path: '/stays',
    summary: 'Stays, by first night (coordinators and admins)',
    access: STAFF,
    request: { query: StaysQuery },
    success: { status: 200, schema: Stays },
    handler: async ({ input }) => ({ items: await listStays(input.query) }),
  });
  api.route({
    method: 'post',
    path: '/stays',
    summary:
      'Book a room for an expert and their family, nights from–to (to exclusive); 409 ROOM_TAKEN when any night is booked (audited)',
    access: STAFF,
    request: { body: BookStayBody },
    success: { status: 201, schema: StayView },
    errors: [409],
    handler: ({ actor, input }) => bookStay(ctx, actor, input.body),
  });
  api.route({
    method: 'get',
    path: '/stays/:id',
    summary: 'One stay: staff see any, an expert only their own',
    access: ['expert', ...STAFF],
    request: { params: IdParams },
    success: { status: 200, schema: StayView },
    errors: [404],
    handler: ({ actor, input }) => getStay(actor, input.params.id),
  });
  api.route({
    method: 'post',
    path: '/stays/:id/check-in',
    summary: 'booked → checked_in, from the first night on (audited)',
    access: STAFF,
    request: { params: IdParams },
    success: { status: 200, schema: StayView },
    errors: [404, 409],
    handler: ({ actor, input }) => checkIn(actor, input.params.id),
  });
  api.route({
    method: 'post',
    path: '/stays/:id/check-out',
    summary: 'checked_in → checked_out; leaving early frees the nights from today (audited)',
    access: STAFF,
    request: { params: IdParams },
    success: { status: 200, schema: StayView },
    errors: [404, 409],
    handler: ({ actor, input }) => checkOut(actor, input.params.id),
  });
  api.route({
    method: 'post',
    path: '/stays/:id/cancel',
    summary: 'booked → cancelled with a reason; the nights are free again (audited)',
    access: STAFF,
    request: { params: IdParams, body: CancelStayBody },
    success: { status: 200, schema: StayView },
    errors: [404, 409],
    handler: ({ actor, input }) => cancelStay(ctx, actor, input.params.id, input.body.reason),
  });
  api.route({
    method: 'patch',
    path: '/stays/:id',
    summary: 'Move the day of leaving: earlier frees nights, later books more (409 ROOM_TAKEN) (audited)',
    access: STAFF,
    request: { params: IdParams, body: ChangeStayBody },
    success: { status: 200, schema: StayView },
    errors: [404, 409],
    handler: ({ actor, input }) => changeStayEnd(ctx, actor, input.params.id, input.body.to),
  });

  api.route({
    method: 'get',
    path: '/occupancy',
    summary: 'Nights booked and available per building and ISO week (coordinators and admins)',
    access: STAFF,
    request: { query: OccupancyQuery },
    success: { status: 200, schema: OccupancyView },
    handler: ({ input }) => occupancyByWeek(input.query),
  });
  return api;
}
