import type { Binary, Document, ObjectId, Timestamp } from 'bson';
import { getPathValues, isPlainObject } from './values';

/** MongoDB's cross-type order: MinKey, null, numbers, strings, objects, arrays, binData, ObjectId, ... */
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 2;
  if (typeof v === 'number' || typeof v === 'bigint') return 3;
  if (typeof v === 'string') return 4;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (Array.isArray(v)) return 6;
  switch (bsonType(v)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Double':
    case 'Int32':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

function bsonType(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Number(String(v));
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** A UTF-16 code unit at or above U+D800, moved so that code-unit order becomes code-point order. */
const fixUp = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);

/**
 * mongod compares strings (without a collation) by their UTF-8 bytes, which is code-point order.
 * JavaScript's `<` compares UTF-16 code units, which differs past the BMP: '𠮷' (U+20BB7, a surrogate
 * pair starting 0xD842) sorts after '\uFFFD' in UTF-8 but before it in UTF-16. Surrogates move above
 * U+E000–U+FFFF and the rest stays, so the first differing unit decides as in code-point order.
 */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = fixUp(x);
      y = fixUp(y);
    }
    return x < y ? -1 : 1;
  }
  return cmp(a.length, b.length);
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return cmp(ra, rb);
  switch (ra) {
    case 3:
      return cmp(toNumber(a), toNumber(b));
    case 4:
      return compareStrings(String(a), String(b));
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7: {
      const [x, y] = [a as Binary, b as Binary];
      return cmp(x.length(), y.length()) || cmp(x.sub_type, y.sub_type) || Buffer.compare(x.buffer, y.buffer);
    }
    case 8:
      return cmp((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return cmp(Number(a), Number(b));
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return cmp((a as Timestamp).t, (b as Timestamp).t) || cmp((a as Timestamp).i, (b as Timestamp).i);
    case 5:
      return isPlainObject(a) && isPlainObject(b) ? compareObjects(a, b) : cmp(String(a), String(b));
    default:
      return cmp(String(a), String(b));
  }
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return cmp(a.length, b.length);
}

function compareObjects(a: Document, b: Document): number {
  const ea = Object.entries(a);
  const eb = Object.entries(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    const c =
      cmp(typeRank(ea[i][1]), typeRank(eb[i][1])) ||
      compareStrings(ea[i][0], eb[i][0]) ||
      compareValues(ea[i][1], eb[i][1]);
    if (c) return c;
  }
  return cmp(ea.length, eb.length);
}

/** The sort key of one field: arrays sort by their smallest (ascending) or largest (descending) element. */
function sortKey(doc: Document, path: string, direction: number): unknown {
  const values = getPathValues(doc, path).flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (values.length === 0) return null;
  return values.reduce((best, v) => (compareValues(v, best) * direction < 0 ? v : best));
}

export function sortDocuments(docs: Document[], spec: Document | undefined): Document[] {
  const keys = Object.entries(spec ?? {}).filter(([, d]) => typeof d === 'number' || typeof d === 'boolean');
  if (keys.length === 0) return docs;
  const decorated = docs.map((doc, i) => ({
    doc,
    i,
    keys: keys.map(([p, d]) => sortKey(doc, p, Number(d))),
  }));
  decorated.sort((x, y) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareValues(x.keys[k], y.keys[k]) * (Number(keys[k][1]) < 0 ? -1 : 1);
      if (c) return c;
    }
    return x.i - y.i;
  });
  return decorated.map((d) => d.doc);
}

/** A string equal for exactly the values MongoDB treats as equal (numbers across types). */
export function keyString(v: unknown): string {
  const rank = typeRank(v);
  switch (rank) {
    case 2:
      return 'n';
    case 3:
      return `d:${toNumber(v) || 0}`;
    case 4:
      return `s:${JSON.stringify(String(v))}`;
    case 6:
      return `[${(v as unknown[]).map(keyString).join(',')}]`;
    case 7:
      return `x:${(v as Binary).sub_type}:${Buffer.from((v as Binary).buffer).toString('base64')}`;
    case 8:
      return `o:${(v as ObjectId).toHexString()}`;
    case 10:
      return `t:${(v as Date).getTime()}`;
    case 5:
      if (isPlainObject(v)) {
        return `{${Object.entries(v)
          .map(([k, x]) => `${JSON.stringify(k)}:${keyString(x)}`)
          .join(',')}}`;
      }
      return `${rank}:${String(v)}`;
    default:
      return `${rank}:${String(v)}`;
  }
}

/** Renders a value as mongod does in error messages, e.g. `{ email: "a@b.c" }`. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (bsonType(v) === 'ObjectId') return `ObjectId('${(v as ObjectId).toHexString()}')`;
  if (isPlainObject(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return String(v);
}
