import { z } from 'zod';
import { DateOnly, Email, MAX_PAGE_SIZE, multiLine, ObjectIdString, singleLine } from '../../lib/schemas';
import { ATTACHMENT_TYPES } from './service-attachment.model';

export const SERVICE_CATEGORIES = [
  'housing',
  'travel',
  'health',
  'insurance',
  'transport',
  'daily',
  'family',
  'residence',
  'career',
] as const;
/** Who may use a service: engaged experts, nominated key talents (quota), their accompanying family. */
export const ELIGIBLE = ['engaged_expert', 'key_talent', 'family'] as const;
export const FIELD_TYPES = ['text', 'date', 'number', 'choice'] as const;
export const REQUEST_STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'done',
  'refused',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'in_progress'];

export const ServiceCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,59}$/, 'a service code')
  .openapi({ example: 'talent-apartment' });
export const UnitCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'a unit code')
  .openapi({ example: 'health' });

const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, 'a phone number');

export const ServiceField = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
  label: Bilingual,
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: Bilingual })),
  when: z
    .enum(['past', 'future'])
    .optional()
    .openapi({ description: 'A date field: today or earlier (past), today or later (future), China time' }),
  notBefore: z.string().optional().openapi({ description: 'A date field: not before this other date field' }),
});

export const ServiceDefinition = z
  .object({
    code: ServiceCode,
    category: z.enum(SERVICE_CATEGORIES),
    name: Bilingual,
    description: Bilingual,
    unit: z.object({ code: UnitCode, name: Bilingual, phone: z.string(), email: z.string() }),
    eligible: z.array(z.enum(ELIGIBLE)),
    fields: z.array(ServiceField),
    promisedDays: z.number().int().min(1).max(60).openapi({ description: 'working days (China calendar)' }),
    active: z.boolean(),
  })
  .openapi('Service');
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

export const ServiceParams = z.object({ code: ServiceCode });
export const CatalogueQuery = z
  .object({
    includeInactive: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'admins and coordinators: list retired services too' }),
  })
  .strict();

export const UpdateServiceBody = z
  .object({
    promisedDays: z.number().int().min(1).max(60).optional(),
    unitPhone: Phone.optional(),
    unitEmail: Email.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one thing' })
  .openapi('UpdateServiceBody');
export type UpdateServiceBody = z.infer<typeof UpdateServiceBody>;

/** A fact as given: text, a date as YYYY-MM-DD, a number or a choice's value; checked against the service. */
const FactValue = z.union([z.string().max(2000), z.number()]);

export const FileRequestBody = z
  .object({
    serviceCode: ServiceCode,
    expertId: ObjectIdString.optional().openapi({
      description: 'coordinators and employers: the expert served (an employer only its nominated talent)',
    }),
    forFamily: z.boolean().optional().openapi({ description: 'for an accompanying family member' }),
    facts: z.record(z.string().max(40), FactValue),
    note: multiLine(1000).optional(),
  })
  .strict()
  .openapi('FileServiceRequestBody');
export type FileRequestBody = z.infer<typeof FileRequestBody>;

export const ReasonBody = z
  .object({ reason: singleLine(500) })
  .strict()
  .openapi('ServiceRequestReason');
export const RateBody = z
  .object({ score: z.number().int().min(1).max(5), comment: multiLine(1000).optional() })
  .strict()
  .openapi('ServiceRequestRating');

export const ListRequestsQuery = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    serviceCode: ServiceCode.optional(),
    unitCode: UnitCode.optional().openapi({ description: 'coordinators: one unit only' }),
    overdue: z.enum(['true', 'false']).optional(),
    expertId: ObjectIdString.optional().openapi({
      description: 'staff and units: the requests of one expert',
    }),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  })
  .strict();
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

const HistoryEntry = z.object({
  from: z.enum(REQUEST_STATUSES).nullable(),
  to: z.enum(REQUEST_STATUSES),
  at: z.date(),
  byRole: z.string(),
  reason: z.string().nullable(),
});

/** At most this many bytes per attachment (5 MB) and this many attachments per request. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REQUEST = 10;

/** An attachment's description (its bytes are fetched on their own). */
export const AttachmentView = z
  .object({
    id: ObjectIdString,
    requestId: ObjectIdString,
    fileName: z.string(),
    contentType: z.enum(ATTACHMENT_TYPES).openapi({ description: 'found from the content itself' }),
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES).openapi({ description: 'bytes' }),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    uploadedBy: ObjectIdString,
    uploadedByRole: z.string(),
    uploadedAt: z.date(),
  })
  .openapi('ServiceRequestAttachment');
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AttachmentParams = z.object({ id: ObjectIdString, attachmentId: ObjectIdString });

/** The upload form: one file, PDF, JPEG or PNG, at most 5 MB; its name and declared type must fit its content. */
export const AttachmentUpload = z
  .object({
    file: z.string().openapi({
      type: 'string',
      format: 'binary',
      description: 'PDF, JPEG or PNG, at most 5 MB (5,242,880 bytes)',
    }),
  })
  .openapi('ServiceRequestAttachmentUpload');

/**
 * One request. An employer sees its nominee's requests by status only: `facts`, `note`, `reason`,
 * `history`, `attachments` and the rating's comment are null (or empty) for it.
 */
export const ServiceRequestView = z
  .object({
    id: ObjectIdString,
    serviceCode: ServiceCode,
    serviceName: Bilingual,
    unitCode: UnitCode,
    unitName: Bilingual,
    expertId: ObjectIdString,
    expertName: z.string().nullable(),
    forFamily: z.boolean(),
    priority: z.boolean().openapi({ description: 'a nominated key talent: first in the unit queue' }),
    status: z.enum(REQUEST_STATUSES),
    submittedAt: z.date(),
    dueAt: z.date(),
    dueDay: DateOnly,
    overdue: z.boolean(),
    doneAt: z.date().nullable(),
    facts: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: z.date() }).nullable(),
    history: z.array(HistoryEntry),
    attachments: z.array(AttachmentView),
  })
  .openapi('ServiceRequest');
export type ServiceRequestView = z.infer<typeof ServiceRequestView>;

export const ServiceRequestPage = z
  .object({
    items: z.array(ServiceRequestView),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .openapi('ServiceRequestPage');
