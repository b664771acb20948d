import { z } from 'zod';
import { ROLES } from '../../lib/actor';
import { Email, Language, ObjectIdString, singleLine } from '../../lib/schemas';

export const LoginBody = z
  .object({
    email: Email,
    password: z.string().min(1).max(200),
    /** Ask for an API token instead of a cookie session. */
    token: z
      .object({ name: singleLine(100) })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('LoginBody');

export const CurrentUser = z
  .object({
    id: ObjectIdString,
    email: z.string(),
    role: z.enum(ROLES),
    displayName: z.string(),
    preferredLanguage: Language,
    organisationId: ObjectIdString.nullable(),
    expertId: ObjectIdString.nullable(),
    emailVerified: z.boolean(),
    /** Staff of a service unit: the unit whose queue they handle. */
    unitCode: z.string().optional(),
  })
  .openapi('CurrentUser');

export const IssuedTokenSchema = z
  .object({
    id: ObjectIdString,
    name: z.string(),
    token: z.string().openapi({ description: 'Shown once; only its hash is stored' }),
    prefix: z.string(),
    expiresAt: z.date(),
  })
  .openapi('IssuedToken');

export const LoginResponse = z
  .object({ user: CurrentUser, csrfToken: z.string().optional(), apiToken: IssuedTokenSchema.optional() })
  .openapi('LoginResponse');

export const SessionInfo = z
  // A union, not .nullable(): zod-to-openapi renders a nullable $ref as allOf [$ref, null], which forbids null.
  .object({ user: z.union([CurrentUser, z.null()]), csrfToken: z.string().nullable() })
  .openapi('SessionInfo');

export const CreateTokenBody = z.object({ name: singleLine(100) }).strict();

export const TokenSummary = z
  .object({
    id: ObjectIdString,
    name: z.string(),
    prefix: z.string(),
    createdAt: z.date(),
    expiresAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .openapi('TokenSummary');
