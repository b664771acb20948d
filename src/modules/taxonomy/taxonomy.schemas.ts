import { z } from 'zod';
import { isRetiredCode, isTaxonomyCode, replacementOf } from './taxonomy.service';

const CODE_SHAPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,2}$/;

/**
 * A stored code of the fields/skills taxonomy, retired ones included: for reading old profiles and needs.
 * "health", "health.cardiology", "agriculture.tea.processing".
 */
export const StoredTaxonomyCode = z
  .string()
  .regex(CODE_SHAPE, 'a taxonomy code looks like "health.cardiology"')
  .refine(isTaxonomyCode, { message: 'unknown taxonomy code' });

/** A code accepted in new input: known and not retired ("retired taxonomy code; use health.orthopaedics"). */
export const TaxonomyCode = StoredTaxonomyCode.superRefine((code, ctx) => {
  if (isRetiredCode(code)) {
    ctx.addIssue({ code: 'custom', message: `retired taxonomy code; use ${replacementOf(code)}` });
  }
});

export type TaxonomyCode = z.infer<typeof TaxonomyCode>;
