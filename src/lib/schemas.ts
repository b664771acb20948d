import { z } from 'zod';
import './openapi';

/** Schemas shared by every feature. */
export const ObjectIdString = z
  .string()
  // no regex flags: OpenAPI patterns have none (a /i here was published as a literal "/i")
  .regex(/^[a-fA-F0-9]{24}$/, 'must be a 24-character hex id')
  .openapi({ example: '665f1c2e8b3e4a0012345678' });

export const IdParams = z.object({ id: ObjectIdString });

/** zod's email check rejects CR/LF, so an address can never smuggle a header into a message. */
export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase())
  .openapi({ example: 'li.ming@example.com' });

export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const Language = z.enum(['zh-CN', 'en']);

export const MAX_PAGE_SIZE = 100;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });

/** A date given as YYYY-MM-DD (dates of availability are days, not instants). */
export const DateOnly = z.iso.date().openapi({ example: '2026-03-01' });

export const OkResponse = z.object({ ok: z.literal(true) });
