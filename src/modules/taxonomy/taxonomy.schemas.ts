import { z } from 'zod';
import { isTaxonomyCode } from './taxonomy.service';

/** A code of the fields/skills taxonomy: "health", "health.cardiology", "agriculture.tea.processing". */
export const TaxonomyCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,2}$/, 'a taxonomy code looks like "health.cardiology"')
  .refine(isTaxonomyCode, { message: 'unknown taxonomy code' });

export type TaxonomyCode = z.infer<typeof TaxonomyCode>;
