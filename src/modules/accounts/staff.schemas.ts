import { z } from 'zod';
import { Email, Language, Password, singleLine } from '../../lib/schemas';
import { UNIT_CODES } from '../services/catalogue.data';
import { CurrentUser } from './auth.schemas';

export const STAFF_ROLES = ['coordinator', 'admin', 'service_unit'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const CreateStaffBody = z
  .object({
    email: Email,
    password: Password.optional().openapi({
      description:
        'Leave out to send the new person a welcome email (their language) with a single-use link, valid 7 days, to choose their own password',
    }),
    role: z.enum(STAFF_ROLES),
    displayName: singleLine(100),
    preferredLanguage: Language.optional(),
    /** Required for role service_unit (and only then): the unit whose service requests the account handles. */
    unitCode: z
      .string()
      .refine((code) => UNIT_CODES.includes(code), { message: `one of: ${UNIT_CODES.join(', ')}` })
      .optional()
      .openapi({ description: 'A responsible unit of the talent-service catalogue', example: 'housing' }),
  })
  .strict()
  .refine((b) => (b.role === 'service_unit') === (b.unitCode !== undefined), {
    path: ['unitCode'],
    message: 'required for role service_unit, and only for it',
  })
  .openapi('CreateStaffBody');
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

/** A staff account as admins see it: the account, whether it is active, and its sign-in facts. */
export const StaffAccount = CurrentUser.extend({
  disabledAt: z.date().nullable(),
  /** False until the person chose a password (with the welcome link, or one given at creation). */
  passwordSet: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
}).openapi('StaffAccount');
export type StaffAccount = z.infer<typeof StaffAccount>;
