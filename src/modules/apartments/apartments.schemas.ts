import { z } from 'zod';
import { DateOnly, multiLine, ObjectIdString, singleLine } from '../../lib/schemas';
import { GUEST_RELATIONS, ROOM_FEATURES, STAY_STATUSES } from './apartment.model';

/** The longest stay one booking holds; a longer engagement books again. */
export const MAX_STAY_NIGHTS = 366;

export const RoomBody = z
  .object({
    building: singleLine(40).openapi({ example: '人才公寓 A 栋' }),
    number: singleLine(20).openapi({ example: '302' }),
    floor: z.number().int().min(-2).max(60),
    beds: z.number().int().min(1).max(6).openapi({ description: 'how many people the room sleeps' }),
    features: z.array(z.enum(ROOM_FEATURES)).max(ROOM_FEATURES.length).default([]),
    active: z.boolean().default(true),
  })
  .strict()
  .openapi('ApartmentRoomBody');
export type RoomBody = z.infer<typeof RoomBody>;

export const RoomPatch = z
  .object({
    floor: z.number().int().min(-2).max(60),
    beds: z.number().int().min(1).max(6),
    features: z.array(z.enum(ROOM_FEATURES)).max(ROOM_FEATURES.length),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('ApartmentRoomPatch');
export type RoomPatch = z.infer<typeof RoomPatch>;

export const RoomView = z
  .object({
    id: ObjectIdString,
    building: z.string(),
    number: z.string(),
    floor: z.number().int(),
    beds: z.number().int(),
    features: z.array(z.enum(ROOM_FEATURES)),
    active: z.boolean(),
  })
  .openapi('ApartmentRoom');
export type RoomView = z.infer<typeof RoomView>;

export const Guest = z
  .object({ name: singleLine(40).openapi({ example: '李秀英' }), relation: z.enum(GUEST_RELATIONS) })
  .strict();

export const BookStayBody = z
  .object({
    roomId: ObjectIdString,
    expertId: ObjectIdString,
    from: DateOnly.openapi({ description: 'the first night (YYYY-MM-DD, China time); not in the past' }),
    to: DateOnly.openapi({ description: 'the day they leave (exclusive): nights = to − from' }),
    guests: z
      .array(Guest)
      .max(5)
      .default([])
      .openapi({ description: 'accompanying family members; with the expert they must fit the beds' }),
    note: multiLine(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.to <= b.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (Date.parse(b.to) - Date.parse(b.from) > MAX_STAY_NIGHTS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a stay is at most ${MAX_STAY_NIGHTS} nights` });
    }
  })
  .openapi('BookStayBody');
export type BookStayBody = z.infer<typeof BookStayBody>;

export const ChangeStayBody = z
  .object({
    to: DateOnly.openapi({ description: 'the new day of leaving: earlier frees nights, later books more' }),
  })
  .strict()
  .openapi('ChangeStayBody');

export const CancelStayBody = z
  .object({ reason: singleLine(200).openapi({ example: '专家行程改期' }) })
  .strict()
  .openapi('CancelStayBody');

export const StaysQuery = z
  .object({
    status: z.enum(STAY_STATUSES).optional(),
    roomId: ObjectIdString.optional(),
    expertId: ObjectIdString.optional(),
    current: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .openapi({ description: 'only stays not yet over (booked or checked in, leaving today or later)' }),
  })
  .strict();
export type StaysQuery = z.infer<typeof StaysQuery>;

export const StayView = z
  .object({
    id: ObjectIdString,
    room: RoomView.pick({ id: true, building: true, number: true, floor: true, beds: true, features: true }),
    expertId: ObjectIdString,
    guests: z.array(z.object({ name: z.string(), relation: z.enum(GUEST_RELATIONS) })),
    from: z.string(),
    to: z.string(),
    nights: z.number().int(),
    bookedTo: z.string(),
    status: z.enum(STAY_STATUSES),
    note: z.string().nullable(),
    cancelReason: z.string().nullable(),
    checkedInAt: z.date().nullable(),
    checkedOutAt: z.date().nullable(),
    cancelledAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .openapi('ApartmentStay');
export type StayView = z.infer<typeof StayView>;

export const OccupancyQuery = z
  .object({
    from: DateOnly.optional().openapi({ description: 'a day of the first week; this week by default' }),
    weeks: z.coerce.number().int().min(1).max(53).default(8),
  })
  .strict();
export type OccupancyQuery = z.infer<typeof OccupancyQuery>;

export const OccupancyRow = z.object({
  week: z.string().openapi({ example: '2026-W10' }),
  weekStart: z.string().openapi({ example: '2026-03-02' }),
  building: z.string(),
  rooms: z.number().int(),
  nightsAvailable: z.number().int(),
  nightsBooked: z.number().int(),
  /** booked / available, 0–1 with three decimals; null when no room was available. */
  occupancy: z.number().nullable(),
});
export type OccupancyRow = z.infer<typeof OccupancyRow>;

export const OccupancyView = z
  .object({ from: z.string(), to: z.string(), items: z.array(OccupancyRow) })
  .openapi('ApartmentOccupancy');
export type OccupancyView = z.infer<typeof OccupancyView>;
