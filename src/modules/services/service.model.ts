import { model, Schema, type Types } from 'mongoose';
import { ELIGIBLE, FIELD_TYPES, SERVICE_CATEGORIES, type ServiceDefinition } from './services.schemas';

const bilingual = { zh: { type: String, required: true }, en: { type: String, required: true } };

/** One service of the catalogue (seeded by code; admins change the promised days, contact, active flag). */
const serviceSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    category: { type: String, enum: SERVICE_CATEGORIES, required: true },
    name: bilingual,
    description: bilingual,
    unit: {
      code: { type: String, required: true },
      name: bilingual,
      phone: { type: String, required: true },
      email: { type: String, required: true },
    },
    eligible: { type: [String], enum: ELIGIBLE, default: [] },
    fields: {
      type: [
        {
          _id: false,
          key: { type: String, required: true },
          label: bilingual,
          type: { type: String, enum: FIELD_TYPES, required: true },
          required: { type: Boolean, default: false },
          options: { type: [{ _id: false, value: String, label: bilingual }], default: [] },
          when: { type: String, enum: ['past', 'future'] },
          notBefore: { type: String },
        },
      ],
      default: [],
    },
    promisedDays: { type: Number, required: true, min: 1 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
serviceSchema.index({ 'unit.code': 1 });

/** As stored: the shape of the catalogue's definitions (mongoose's inferred nested types are all optional). */
export type ServiceRecord = ServiceDefinition & { _id: Types.ObjectId };
export const Service = model('Service', serviceSchema);
