import type { Request } from 'express';
import type { ZodType, z } from 'zod';
import type { KeysetPage } from '../keyset';
import { errorsFromError, errorsFromIssues, type FieldErrors } from './page-forms';
import type { Translate } from './page-i18n';

/**
 * The staff's list pages: a GET form of filters whose whole state is the URL (so a search can be
 * bookmarked and sent to a colleague), read with the API's own query schema, and links to the pages
 * before and after that keep every filter and carry the keyset cursor.
 */

type UrlValues = Record<string, string>;

/** The URL's filters as the form shows them: one string each; boxes left empty are left out. */
export function urlValues(query: Request['query']): UrlValues {
  const values: UrlValues = {};
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.trim() !== '') values[key] = first;
  }
  return values;
}

/** A link to the same list with the same filters, at `cursor` (none: the first page). */
export function listUrl(path: string, values: UrlValues, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (key !== 'cursor' && key !== 'page' && key !== 'done') params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Parts of the URL that only the page links write: a fault in them is the link's, said above the list. */
const LINK_ONLY = ['cursor', 'page', 'pageSize'];

function linkErrors(errors: FieldErrors, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    if (LINK_ONLY.includes(field)) out._form = t('lists.badLink');
    else out[field] = message;
  }
  return out;
}

export interface ListPage<T> {
  /** The URL's filters, to fill the form again. */
  values: UrlValues;
  /** Filters the schema or the service refused, by field; the list is then empty. */
  errors?: FieldErrors;
  status: 200 | 400;
  result?: KeysetPage<T>;
  links: { next: string | null; prev: string | null; first: string | null };
}

/**
 * Reads the URL with the list's API query schema and runs the list. A filter that is not valid (a
 * page size over the bound, a cursor of another sort) is a 400 page that says which, not an error page.
 */
export async function readListPage<S extends ZodType, T>(
  path: string,
  req: Request,
  t: Translate,
  schema: S,
  run: (query: z.output<S>) => Promise<KeysetPage<T>>,
): Promise<ListPage<T>> {
  const values = urlValues(req.query);
  const refused = (errors: FieldErrors): ListPage<T> => ({
    values,
    errors: linkErrors(errors, t),
    status: 400,
    links: { next: null, prev: null, first: listUrl(path, values) },
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) return refused(errorsFromIssues(parsed.error.issues, t));
  try {
    const result = await run(parsed.data);
    const links = {
      next: result.next ? listUrl(path, values, result.next) : null,
      prev: result.prev ? listUrl(path, values, result.prev) : null,
      // Back to the start once paged on: the previous link runs out only at the first page.
      first: values.cursor || (values.page && values.page !== '1') ? listUrl(path, values) : null,
    };
    return { values, status: 200, result, links };
  } catch (err) {
    const errors = errorsFromError(err, t);
    if (!errors) throw err;
    return refused(errors);
  }
}
