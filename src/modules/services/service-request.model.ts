import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { REQUEST_STATUSES } from './services.schemas';

const historySchema = new Schema(
  {
    from: { type: String, enum: REQUEST_STATUSES },
    to: { type: String, enum: REQUEST_STATUSES, required: true },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User' },
    byRole: { type: String, required: true },
    reason: { type: String },
  },
  { _id: false },
);

/**
 * A request for one service of the catalogue, in the responsible unit's queue. Its status only moves by
 * conditional updates on the status read (service-request-transitions.ts), each with a history line.
 */
const serviceRequestSchema = new Schema(
  {
    serviceCode: { type: String, required: true },
    unitCode: { type: String, required: true },
    /** The names when filed, so the request reads the same if the catalogue changes later. */
    serviceName: { zh: { type: String, required: true }, en: { type: String, required: true } },
    unitName: { zh: { type: String, required: true }, en: { type: String, required: true } },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    /** The key enterprise whose exclusive track the expert is on, when filed (priority). */
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation' },
    filedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    filedByRole: { type: String, required: true },
    forFamily: { type: Boolean, default: false },
    priority: { type: Boolean, default: false },
    facts: { type: Schema.Types.Mixed, default: {} },
    note: { type: String },
    status: { type: String, enum: REQUEST_STATUSES, required: true, default: 'submitted' },
    submittedAt: { type: Date, required: true },
    dueDay: { type: String, required: true },
    dueAt: { type: Date, required: true },
    remindAt: { type: Date, required: true },
    remindedAt: { type: Date },
    escalatedAt: { type: Date },
    doneAt: { type: Date },
    reason: { type: String },
    rating: {
      type: new Schema(
        { score: { type: Number, required: true }, comment: String, at: { type: Date, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true, minimize: false },
);
// The unit's queue: priority first, then the nearest deadline.
serviceRequestSchema.index({ unitCode: 1, status: 1, priority: -1, dueAt: 1 });
serviceRequestSchema.index({ expertId: 1, submittedAt: -1 });
// The sweep: open requests by deadline.
serviceRequestSchema.index({ status: 1, dueAt: 1 });
// The desk report: requests filed in a period (of one unit).
serviceRequestSchema.index({ submittedAt: 1, unitCode: 1 });

type Bilingual = { zh: string; en: string };
export type ServiceRequestRecord = Omit<
  InferSchemaType<typeof serviceRequestSchema>,
  'serviceName' | 'unitName'
> & {
  serviceName: Bilingual;
  unitName: Bilingual;
  _id: Types.ObjectId;
  createdAt: Date;
};
export const ServiceRequest = model('ServiceRequest', serviceRequestSchema);
