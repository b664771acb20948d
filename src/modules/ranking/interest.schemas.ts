import { z } from 'zod';
import { ObjectIdString } from '../../lib/schemas';
import { MAX_INTEREST_NOTE } from './interest.model';

export const InterestBody = z
  .object({
    note: z.string().trim().max(MAX_INTEREST_NOTE).optional().openapi({
      description: 'Optional: what you would bring, or when you could start (staff only read it)',
    }),
  })
  .strict();
export type InterestBody = z.infer<typeof InterestBody>;

export const InterestView = z
  .object({
    needId: ObjectIdString,
    note: z.string(),
    createdAt: z.date(),
    withdrawable: z.boolean().openapi({
      description: 'False once the office has proposed you for this need: the interest then stands',
    }),
  })
  .openapi('Interest', { description: 'Your expression of interest in an open need' });
export type InterestView = z.infer<typeof InterestView>;

export const MyInterestsPage = z
  .object({ items: z.array(InterestView.extend({ needTitle: z.string() })) })
  .openapi('MyInterests');
export type MyInterestsPage = z.infer<typeof MyInterestsPage>;

export const NeedInterestsPage = z
  .object({
    items: z.array(
      z.object({ expertId: ObjectIdString, name: z.string(), note: z.string(), createdAt: z.date() }),
    ),
  })
  .openapi('NeedInterests', { description: 'The experts interested in a need, oldest interest first' });
export type NeedInterestsPage = z.infer<typeof NeedInterestsPage>;
