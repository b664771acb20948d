import type { Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { keyString } from './bson-order';
import { badValue, CommandError } from './errors';
import { bsonAggregator } from './query';
import { deepClone, isPlainObject, setPath, withId } from './values';

export interface UpdateOptions {
  filter?: Document;
  arrayFilters?: Document[];
  /** True when the document is being created by an upsert: `$setOnInsert` applies. */
  inserting?: boolean;
}

export type UpdateSpec = Document | Document[];

export const isPipelineUpdate = (u: UpdateSpec): u is Document[] => Array.isArray(u);
export const isOperatorUpdate = (u: UpdateSpec) => !Array.isArray(u) && Object.keys(u)[0]?.startsWith('$');

const immutableId = () =>
  new CommandError(
    66,
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );

/** Returns the updated copy of `doc` (never touching `doc`) and whether anything changed. */
export function applyUpdate(
  doc: Document,
  u: UpdateSpec,
  options: UpdateOptions,
): { doc: Document; changed: boolean } {
  let next: Document;
  if (isPipelineUpdate(u)) {
    next = bsonAggregator(u).run([deepClone(doc)])[0] as Document;
  } else if (isOperatorUpdate(u)) {
    next = deepClone(doc);
    const modifier = operatorModifier(u, options.inserting ?? false);
    if (Object.keys(modifier).length > 0) {
      const paths = Object.values(modifier).flatMap((v) => Object.keys(v as Document));
      const positional = paths.some((p) => /(^|\.)\$(\.|$)/.test(p));
      const condition = positional && !options.inserting ? options.filter : undefined;
      mingoUpdate(next, modifier, options.arrayFilters, condition);
    }
  } else {
    if (u._id !== undefined && doc._id !== undefined && keyString(u._id) !== keyString(doc._id))
      throw immutableId();
    const { _id, ...rest } = u;
    next = { _id: doc._id ?? _id, ...deepClone(rest) };
    if (next._id === undefined) delete next._id;
  }
  if (doc._id !== undefined && keyString(next._id) !== keyString(doc._id)) throw immutableId();
  return { doc: next, changed: keyString(next) !== keyString(doc) };
}

/** mingo has no `$setOnInsert`: it becomes part of `$set` on insert and is dropped otherwise. */
function operatorModifier(u: Document, inserting: boolean): Document {
  const modifier: Document = {};
  for (const [op, fields] of Object.entries(u)) {
    if (!op.startsWith('$')) throw badValue(`Unknown modifier: ${op}. Expected a valid update modifier`);
    if (!isPlainObject(fields))
      throw badValue(`Modifiers operate on fields but we found type ${typeof fields} instead`);
    if (Object.keys(fields).length === 0) continue;
    if (op === '$setOnInsert') {
      if (inserting) modifier.$set = { ...(modifier.$set as Document | undefined), ...fields };
      continue;
    }
    modifier[op] = op === '$set' ? { ...(modifier.$set as Document | undefined), ...fields } : fields;
  }
  return modifier;
}

/** The document an upsert inserts: the filter's equality fields, then the update (with `$setOnInsert`). */
export function upsertDocument(filter: Document, u: UpdateSpec, arrayFilters?: Document[]): Document {
  const base: Document = {};
  copyEqualities(filter, base);
  if (!isOperatorUpdate(u) && !isPipelineUpdate(u)) {
    const { _id, ...rest } = u;
    return withId({ _id: _id ?? base._id, ...deepClone(rest) });
  }
  const { doc } = applyUpdate(base, u, { arrayFilters, inserting: true });
  return withId(doc);
}

function copyEqualities(filter: Document, out: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) copyEqualities(part as Document, out);
    } else if (key.startsWith('$')) {
      // $or, $expr, ... say nothing definite about the new document.
    } else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if (value.$eq !== undefined) setPath(out, key, deepClone(value.$eq));
    } else {
      setPath(out, key, deepClone(value));
    }
  }
}
