import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * A small document attached to a talent-service request (a certificate, an invoice, a photo of a form),
 * kept in MongoDB with its bytes: at most 5 MB, so one document stays well under the 16 MB limit.
 * `expertId` is the request's, so deleting the expert's data finds their requests' attachments at once.
 */
const serviceAttachmentSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, ref: 'ServiceRequest', required: true },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    /** Made safe for a Content-Disposition header and a page: no path, no control characters. */
    fileName: { type: String, required: true },
    /** From the bytes, never from what the client declared. */
    contentType: { type: String, enum: ATTACHMENT_TYPES, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    data: { type: Buffer, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    uploadedByRole: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
  },
  {
    timestamps: true,
    toJSON: {
      transform: (_doc, ret: Record<string, unknown>) => {
        delete ret.data;
        return ret;
      },
    },
  },
);
serviceAttachmentSchema.index({ requestId: 1, uploadedAt: 1 });
serviceAttachmentSchema.index({ expertId: 1 });

export type ServiceAttachmentRecord = InferSchemaType<typeof serviceAttachmentSchema> & {
  _id: Types.ObjectId;
  contentType: AttachmentType;
};
/** Every field but the bytes: what lists and views read. */
export const ATTACHMENT_METADATA = { data: 0 } as const;
export const ServiceAttachment = model('ServiceAttachment', serviceAttachmentSchema);
