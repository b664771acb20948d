import { Types } from 'mongoose';
import { z } from 'zod';
import { ValidationError } from './errors';
import './openapi';

/**
 * Keyset pagination for the staff lists. A page is read from where the last one ended (the sort keys
 * and _id of its last row), not by skipping rows, so a row inserted or removed meanwhile neither repeats
 * nor hides another, and a late page costs what the first does. The cursor is opaque to clients: the
 * sort it belongs to, the direction, and the keys of the row it starts from, base64url-encoded JSON.
 */

/**
 * The sort keys in order, `_id` last (it makes every key unique, so pages never overlap). Every key is
 * a field each row has: MongoDB's `$gt`/`$lt` never match a missing value, so such a row would be lost.
 */
export type SortSpec = Readonly<Record<string, 1 | -1>>;

type Filter = Record<string, unknown>;
type KeyValue = string | number | boolean | null | Date | Types.ObjectId;
type Encoded = string | number | boolean | null | { d: string } | { o: string };

interface Cursor {
  sort: string;
  /** 'n': the rows after the key; 'p': the rows before it. */
  dir: 'n' | 'p';
  key: KeyValue[];
}

export const MAX_CURSOR_LENGTH = 1000;

export const CursorParam = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor as given by a previous page (next or prev)')
  .openapi({
    description:
      'Keyset paging: the `next` or `prev` of a previous page, with the same sort (the filters may change). Without it the list starts at `page` (offset paging, with `total`)',
  });

/** The page of a list paged by keyset: `page` only when asked by page number. */
export const keysetPageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int().optional().openapi({ description: 'given when the list was asked by page' }),
    pageSize: z.number().int(),
    total: z.number().int().openapi({ description: 'every row the filters find, on all pages' }),
    next: z.string().nullable().openapi({ description: 'cursor of the following page; null on the last' }),
    prev: z.string().nullable().openapi({ description: 'cursor of the page before; null on the first' }),
  });

export interface KeysetPage<T> {
  items: T[];
  page?: number;
  pageSize: number;
  total: number;
  next: string | null;
  prev: string | null;
}

function encodeValue(v: unknown): Encoded {
  if (v instanceof Date) return { d: v.toISOString() };
  if (v instanceof Types.ObjectId) return { o: v.toHexString() };
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function decodeValue(v: unknown): KeyValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v && typeof v === 'object') {
    const { d, o } = v as { d?: unknown; o?: unknown };
    if (typeof d === 'string' && !Number.isNaN(Date.parse(d))) return new Date(d);
    if (typeof o === 'string' && /^[a-f0-9]{24}$/.test(o)) return new Types.ObjectId(o);
  }
  throw new Error('bad key');
}

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ s: cursor.sort, d: cursor.dir, k: cursor.key.map(encodeValue) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

const badCursor = (message: string) =>
  new ValidationError('Some fields are not valid.', [{ path: 'query.cursor', message }]);

/** The cursor a client sent back, for this list's sort and its number of keys; a 400 otherwise. */
export function decodeCursor(text: string, sort: string, keys: number): Cursor {
  let parsed: { s?: unknown; d?: unknown; k?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('not a cursor of this list');
  }
  const { s, d, k } = parsed ?? {};
  if (typeof s !== 'string' || (d !== 'n' && d !== 'p') || !Array.isArray(k) || k.length !== keys) {
    throw badCursor('not a cursor of this list');
  }
  if (s !== sort) throw badCursor('a cursor of another sort: start again from the first page');
  try {
    return { sort: s, dir: d, key: k.map(decodeValue) };
  } catch {
    throw badCursor('not a cursor of this list');
  }
}

/**
 * The rows strictly after `key` in the order `sort` (before it when `before`). The first key also gets
 * a plain range bound, so the index of the sort is scanned from the key on, not from its start.
 */
export function beyond(sort: SortSpec, key: readonly KeyValue[], before = false): Filter {
  const fields = Object.keys(sort);
  const branches: Filter[] = fields.map((field, i) => {
    const up = (sort[field] === 1) !== before;
    const branch: Filter = {};
    for (let j = 0; j < i; j++) branch[fields[j]] = key[j];
    branch[field] = { [up ? '$gt' : '$lt']: key[i] };
    return branch;
  });
  const [first] = fields;
  const up = (sort[first] === 1) !== before;
  return { [first]: { [up ? '$gte' : '$lte']: key[0] }, $or: branches };
}

function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) v = v == null ? undefined : (v as Record<string, unknown>)[part];
  return v ?? null;
}

const reversed = (sort: SortSpec): Record<string, 1 | -1> =>
  Object.fromEntries(Object.entries(sort).map(([k, d]) => [k, d === 1 ? -1 : 1])) as Record<string, 1 | -1>;

/** A filter that keeps every row: `{}`, or an `$and` of such filters (a staff scope with no filter). */
export function keepsEveryRow(filter: Filter): boolean {
  const keys = Object.keys(filter);
  if (keys.length === 0) return true;
  const and = filter.$and;
  return keys.length === 1 && Array.isArray(and) && and.every((f) => keepsEveryRow(f as Filter));
}

export interface KeysetRequest {
  /** The name of the sort, as the client gives it; a cursor of another sort is refused. */
  sortName: string;
  sort: SortSpec;
  page: number;
  pageSize: number;
  cursor?: string;
}

/**
 * Reads one page, by cursor when given, else by page number, with the count of every row the filter
 * finds. `find` runs the query the list builds (scope and filters are the caller's).
 */
export async function readPage<T>(
  filter: Filter,
  request: KeysetRequest,
  find: (filter: Filter, sort: Record<string, 1 | -1>, skip: number, limit: number) => Promise<T[]>,
  count: (filter: Filter) => Promise<number>,
): Promise<KeysetPage<T>> {
  const { sort, sortName, pageSize } = request;
  const fields = Object.keys(sort);
  const cursorOf = (dir: 'n' | 'p', doc: T) =>
    encodeCursor({ sort: sortName, dir, key: fields.map((f) => valueAt(doc, f) as KeyValue) });
  if (!request.cursor) {
    const skip = (request.page - 1) * pageSize;
    const [rows, total] = await Promise.all([find(filter, { ...sort }, skip, pageSize + 1), count(filter)]);
    const items = rows.slice(0, pageSize);
    return {
      items,
      page: request.page,
      pageSize,
      total,
      next: rows.length > pageSize ? cursorOf('n', items[items.length - 1]) : null,
      prev: skip > 0 && items.length > 0 ? cursorOf('p', items[0]) : null,
    };
  }
  if (request.page !== 1) {
    throw new ValidationError('Some fields are not valid.', [
      { path: 'query.page', message: 'give a page number or a cursor, not both' },
    ]);
  }
  const cursor = decodeCursor(request.cursor, sortName, fields.length);
  const back = cursor.dir === 'p';
  const where = { $and: [filter, beyond(sort, cursor.key, back)] };
  const [rows, total] = await Promise.all([
    find(where, back ? reversed(sort) : { ...sort }, 0, pageSize + 1),
    count(filter),
  ]);
  const more = rows.length > pageSize;
  const items = rows.slice(0, pageSize);
  if (back) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    pageSize,
    total,
    next: last && (back || more) ? cursorOf('n', last) : null,
    prev: first && (!back || more) ? cursorOf('p', first) : null,
  };
}
