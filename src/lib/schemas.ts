import { z } from 'zod';
import './openapi';

/** Schemas shared by every feature. */
export const ObjectIdString = z
  .string()
  // no regex flags: OpenAPI patterns have none (a /i here was published as a literal "/i")
  .regex(/^[a-fA-F0-9]{24}$/, 'must be a 24-character hex id')
  .openapi({ example: '665f1c2e8b3e4a0012345678' });

export const IdParams = z.object({ id: ObjectIdString });

/**
 * Control characters a line of text must not hold: C0 (NUL, TAB, CR, LF, ...), DEL, C1, and the
 * Unicode line and paragraph separators. A name with a line break passes a form, then fails later
 * where it meets an email header, half way through a step (issue #3): it is refused at the edge.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters to refuse
const NOT_ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
/** In text of several lines: the same, but line feeds and tabs are welcome (CR LF becomes LF first). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters to refuse
const NOT_TEXT = /^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const SINGLE_LINE_MESSAGE = 'a single line without control characters';
export const TEXT_MESSAGE = 'no control characters other than line breaks and tabs';
const WELL_FORMED_MESSAGE = 'not well-formed text (a lone surrogate)';

const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

/**
 * One line of text typed by a person — names, titles, addresses, phone numbers, one-line reasons:
 * trimmed, 1 to `max` characters (0 with `{ min: 0 }`), no control characters, well-formed UTF-16.
 * Every single-line field of a request body uses it, so nothing stored can later break a header or a
 * layout.
 */
export const singleLine = (max: number, options: { min?: number } = {}) =>
  z
    .string()
    .trim()
    .min(options.min ?? 1)
    .max(max)
    .regex(NOT_ONE_LINE, SINGLE_LINE_MESSAGE)
    .refine(wellFormed, WELL_FORMED_MESSAGE);

/**
 * Text of several lines (descriptions, notes): trimmed, at most `max` characters, line breaks and tabs
 * kept (a form's CR LF becomes LF), other control characters and lone surrogates refused.
 */
export const multiLine = (max: number, options: { min?: number } = {}) =>
  z
    .string()
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .trim()
    .min(options.min ?? 0)
    .max(max)
    .regex(NOT_TEXT, TEXT_MESSAGE)
    .refine(wellFormed, WELL_FORMED_MESSAGE);

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

/**
 * What a public sign-up answers, whether or not the address already has an account (its owner is
 * emailed instead): the answer must not tell anyone who is registered.
 */
export const SignupAccepted = z.object({ status: z.literal('check-your-email') }).openapi('SignupAccepted', {
  description:
    'The same whether or not the address already has an account: a new account gets a link to confirm the address, an existing one a notice',
});
export type SignupAccepted = z.infer<typeof SignupAccepted>;
