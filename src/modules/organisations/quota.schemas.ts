import { z } from 'zod';
import { ObjectIdString } from '../../lib/schemas';
import { NOMINATION_STATUSES } from './nomination.model';
import { LEDGER_KINDS, NOMINATION_KINDS } from './quota.model';

const Year = z.coerce.number().int().min(2020).max(2100);

export const GrantQuotaBody = z
  .object({ year: z.number().int().min(2020).max(2100), granted: z.number().int().min(0).max(1000) })
  .strict()
  .openapi('GrantQuotaBody');

export const LedgerQuery = z
  .object({ year: Year.optional().openapi({ description: 'the calendar year; this year by default' }) })
  .strict();

export const NominateBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('priority_need'), needId: ObjectIdString }).strict(),
    z.object({ kind: z.literal('exclusive_expert'), expertId: ObjectIdString }).strict(),
  ])
  .openapi('NominateBody');
export type NominateBody = z.infer<typeof NominateBody>;

export const NominationParams = z.object({ id: ObjectIdString, nominationId: ObjectIdString });

export const NominationView = z
  .object({
    id: ObjectIdString,
    organisationId: ObjectIdString,
    year: z.number().int(),
    kind: z.enum(NOMINATION_KINDS),
    needId: ObjectIdString.nullable(),
    expertId: ObjectIdString.nullable(),
    status: z.enum(NOMINATION_STATUSES),
    createdAt: z.date(),
    withdrawnAt: z.date().nullable(),
  })
  .openapi('Nomination');
export type NominationView = z.infer<typeof NominationView>;

export const LedgerEntryView = z.object({
  kind: z.enum(LEDGER_KINDS),
  at: z.date(),
  byUserId: ObjectIdString.nullable().openapi({ description: 'the account that made the change' }),
  byRole: z.string(),
  granted: z.number().int().nullable(),
  previousGranted: z.number().int().nullable(),
  nominationId: ObjectIdString.nullable(),
  nominationKind: z.enum(NOMINATION_KINDS).nullable(),
  needId: ObjectIdString.nullable(),
  expertId: ObjectIdString.nullable(),
});

export const QuotaLedger = z
  .object({
    organisationId: ObjectIdString,
    year: z.number().int(),
    keyEnterprise: z.boolean(),
    granted: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    history: z.array(LedgerEntryView),
    activeNominations: z.array(NominationView),
  })
  .openapi('QuotaLedger');
export type QuotaLedger = z.infer<typeof QuotaLedger>;
