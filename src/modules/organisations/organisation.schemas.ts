import { z } from 'zod';
import { CursorParam, keysetPageOf } from '../../lib/keyset';
import {
  Email,
  Language,
  multiLine,
  ObjectIdString,
  PageQuery,
  Password,
  singleLine,
} from '../../lib/schemas';
import { RegionCode } from '../regions/regions.schemas';
import { ORGANISATION_STATUSES, ORGANISATION_TYPES } from './organisation.model';
import { SocialCreditCode } from './social-credit-code';

/** A mainland mobile number or a landline with its area code (0xx-xxxxxxx). */
export const Phone = singleLine(20)
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mobile number (11 digits) or a landline with area code')
  .openapi({ example: '13800138000' });

const PersonName = singleLine(100);

const OrganisationFields = {
  name: singleLine(200),
  type: z.enum(ORGANISATION_TYPES),
  creditCode: SocialCreditCode,
  county: RegionCode,
  address: singleLine(300),
  description: multiLine(5000).optional(),
};

export const Contact = z.object({ name: PersonName, phone: Phone.optional(), email: Email }).strict();

export const RegisterEmployerBody = z
  .object({
    email: Email,
    password: Password,
    /** The contact person, who becomes the employer account's user. */
    name: PersonName,
    phone: Phone.optional(),
    preferredLanguage: Language.optional(),
    organisation: z.object(OrganisationFields).strict(),
  })
  .strict()
  .openapi('RegisterEmployerBody');
export type RegisterEmployerBody = z.infer<typeof RegisterEmployerBody>;

export const UpdateOrganisationBody = z
  .object({
    ...OrganisationFields,
    description: multiLine(5000),
    contact: Contact,
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' })
  .openapi('UpdateOrganisationBody');
export type UpdateOrganisationBody = z.infer<typeof UpdateOrganisationBody>;

export const RejectOrganisationBody = z
  .object({ reason: multiLine(1000, { min: 1 }) })
  .strict()
  .openapi('RejectOrganisationBody');

export const ORGANISATION_SORTS = ['-createdAt', 'createdAt', 'name', '-name'] as const;

export const ListOrganisationsQuery = PageQuery.extend({
  cursor: CursorParam.optional(),
  q: singleLine(100).optional().openapi({
    description: 'text anywhere in the name, or the beginning of the unified social credit code',
  }),
  status: z.enum(ORGANISATION_STATUSES).optional(),
  type: z.enum(ORGANISATION_TYPES).optional(),
  county: RegionCode.optional(),
  keyEnterprise: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(ORGANISATION_SORTS).default('-createdAt'),
}).strict();
export type ListOrganisationsQuery = z.infer<typeof ListOrganisationsQuery>;

export const OrganisationView = z
  .object({
    id: ObjectIdString,
    name: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    creditCode: z.string(),
    county: z.string(),
    address: z.string(),
    contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string() }),
    description: z.string(),
    status: z.enum(ORGANISATION_STATUSES),
    rejectionReason: z.string().nullable(),
    verifiedAt: z.date().nullable(),
    keyEnterprise: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Organisation');
export type OrganisationView = z.infer<typeof OrganisationView>;

export const OrganisationPage = keysetPageOf(OrganisationView);
