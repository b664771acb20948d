import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { EMAIL_KINDS } from './email.kinds';

/**
 * The transactional outbox: one document per message, written in the same MongoDB transaction as the
 * state change that causes it. pending → sent | failed; a pending message inside an SMTP call is
 * marked with sendingAt/sendingBy. BullMQ only carries the id; this record decides
 * whether a message still has to be sent.
 */
export const EMAIL_LANGUAGES = ['zh-CN', 'en'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const outboxSchema = new Schema(
  {
    kind: { type: String, enum: EMAIL_KINDS, required: true },
    to: { type: String, required: true, maxlength: 254 },
    toName: { type: String, maxlength: 200 },
    language: { type: String, enum: EMAIL_LANGUAGES, required: true },
    /** Template variables, validated against the kind's schema: ids and display strings only. */
    data: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, maxlength: 1000 },
    /** Fixed when the record is written, so a repeated send after a crash carries the same Message-ID. */
    messageId: { type: String, required: true },
    /**
     * Set by a delivery attempt just before its SMTP call (conditionally: only one attempt holds it),
     * cleared when the call fails. Found set by a later attempt, it means an attempt neither recorded
     * its send nor its failure: it died inside SMTP, or still runs without its queue lock.
     */
    sendingAt: { type: Date },
    /** Which attempt set sendingAt (random per attempt). */
    sendingBy: { type: String, maxlength: 64 },
    /**
     * The BullMQ job responsible for the message now: its batch's, or its own once a batch handed it on
     * (a retry, a hold-back). Set before the job is added; records from before batches have none (their
     * job is `email-<id>`). The reconciler reads it to learn whether the message still has a job.
     */
    jobId: { type: String, maxlength: 100 },
    sentAt: { type: Date },
    failedAt: { type: Date },
    related: {
      type: { type: String, maxlength: 50 },
      id: { type: String, maxlength: 50 },
    },
  },
  { timestamps: true, minimize: false },
);
// The reconciler's scan, and the coordinators' list of failed messages.
outboxSchema.index({ status: 1, createdAt: 1 });
outboxSchema.index({ 'related.type': 1, 'related.id': 1 });

export type OutboxRecord = InferSchemaType<typeof outboxSchema> & { _id: Types.ObjectId };
export const OutboxEmail = model('OutboxEmail', outboxSchema, 'email_outbox');
