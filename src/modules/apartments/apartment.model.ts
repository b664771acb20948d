import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

export const ROOM_FEATURES = [
  'lift',
  'ground_floor',
  'accessible_bathroom',
  'grab_bars',
  'kitchen',
  'washing_machine',
  'air_conditioning',
  'heating',
] as const;
export type RoomFeature = (typeof ROOM_FEATURES)[number];

export const STAY_STATUSES = ['booked', 'checked_in', 'checked_out', 'cancelled'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];

export const GUEST_RELATIONS = ['spouse', 'child', 'grandchild', 'parent', 'other'] as const;

/** A room of the district's talent apartments (人才公寓), booked as a whole: `beds` is how many it sleeps. */
const roomSchema = new Schema(
  {
    building: { type: String, required: true, maxlength: 40 },
    number: { type: String, required: true, maxlength: 20 },
    floor: { type: Number, required: true },
    beds: { type: Number, required: true, min: 1, max: 6 },
    features: { type: [{ type: String, enum: ROOM_FEATURES }], default: [] },
    /** An inactive room takes no new bookings (repairs, withdrawn); its stays stand. */
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);
roomSchema.index({ building: 1, number: 1 }, { unique: true });

const historySchema = new Schema(
  {
    status: { type: String, enum: STAY_STATUSES, required: true },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** A change of dates: the `to` before and after. */
    previousTo: { type: String },
    to: { type: String },
    reason: { type: String },
  },
  { _id: false },
);

/**
 * A room booked for an expert and the family members named on it, nights `from` (first night) to `to`
 * (the morning they leave: exclusive), both YYYY-MM-DD in China's time. The nights it holds are the
 * RoomNight documents of its id: they, not this document, keep two stays of one room apart.
 */
const staySchema = new Schema(
  {
    roomId: { type: Schema.Types.ObjectId, ref: 'ApartmentRoom', required: true },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    guests: {
      type: [
        new Schema(
          {
            name: { type: String, required: true, maxlength: 40 },
            relation: { type: String, enum: GUEST_RELATIONS, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    from: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    to: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    /** The `to` of the booking before any change of dates or an early check-out. */
    bookedTo: { type: String, required: true },
    status: { type: String, enum: STAY_STATUSES, required: true, default: 'booked' },
    note: { type: String, maxlength: 500 },
    cancelReason: { type: String, maxlength: 200 },
    bookedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    checkedInAt: { type: Date },
    checkedOutAt: { type: Date },
    cancelledAt: { type: Date },
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true },
);
staySchema.index({ expertId: 1, from: 1 });
staySchema.index({ status: 1, from: 1 });

/**
 * One night of one room held by a stay. The unique index on {roomId, night} is what makes double
 * booking impossible, on a replica set and on the in-process test server alike: a booking inserts all
 * its nights in its transaction, and a second booking of any of those nights fails on the index
 * (E11000, or a write conflict that retries into it). Cancelling or shortening deletes nights.
 */
const roomNightSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, ref: 'ApartmentRoom', required: true },
  night: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  stayId: { type: Schema.Types.ObjectId, ref: 'ApartmentStay', required: true },
});
roomNightSchema.index({ roomId: 1, night: 1 }, { unique: true });
roomNightSchema.index({ night: 1 });
roomNightSchema.index({ stayId: 1, night: 1 });

export type RoomRecord = InferSchemaType<typeof roomSchema> & { _id: Types.ObjectId };
export type StayRecord = InferSchemaType<typeof staySchema> & { _id: Types.ObjectId };
export const ApartmentRoom = model('ApartmentRoom', roomSchema);
export const ApartmentStay = model('ApartmentStay', staySchema);
export const RoomNight = model('RoomNight', roomNightSchema);
