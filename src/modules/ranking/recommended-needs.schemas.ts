import { z } from 'zod';
import { DateOnly } from '../../lib/schemas';
import { ENGAGEMENT_MODES } from '../experts/expert-levels';
import { PublicNeedView } from '../needs/need.schemas';
import { RegionCode } from '../regions/regions.schemas';
import { TaxonomyCode } from '../taxonomy/taxonomy.schemas';
import { ContributionSchema, NoteSchema } from './ranking.schemas';

/** At most this many recommended needs a page. */
export const MAX_RECOMMENDED_PAGE = 50;

export const RecommendedNeedsQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_RECOMMENDED_PAGE).default(10),
    field: TaxonomyCode.optional().openapi({
      description: 'a field or sub-field: needs with any skill under it',
    }),
    county: RegionCode.optional().openapi({ description: 'needs in this county' }),
    mode: z.enum(ENGAGEMENT_MODES).optional(),
    from: DateOnly.optional().openapi({ description: 'needs whose period runs on or after this day' }),
    to: DateOnly.optional().openapi({ description: 'needs whose period begins on or before this day' }),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type RecommendedNeedsQuery = z.infer<typeof RecommendedNeedsQuery>;

export const RecommendedNeedSchema = z
  .object({
    need: PublicNeedView,
    score: z.number().openapi({ description: 'The score the coordinator sees for you and this need, 0–100' }),
    atLimit: z.boolean().openapi({
      description: 'Your engagements and pending offers during the need’s period already reach your maximum',
    }),
    interested: z.boolean().openapi({ description: 'You said you are interested in this need' }),
    contributions: z.array(ContributionSchema),
    notes: z.array(NoteSchema),
  })
  .openapi('RecommendedNeed', { description: 'An open need whose every requirement you meet' });

export const RecommendedNeedsPage = z
  .object({
    paused: z.boolean().openapi({ description: 'You have paused: no need is recommended until you resume' }),
    engineVersion: z.string(),
    items: z.array(RecommendedNeedSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .openapi('RecommendedNeedsPage');
export type RecommendedNeedsPage = z.infer<typeof RecommendedNeedsPage>;
