import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import { type Iterator, Lazy } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import { $gt, $gte, $lt, $lte } from 'mingo/operators/query/comparison';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options, PipelineOperator, QueryOperator } from 'mingo/types';
import { ensureArray, resolve } from 'mingo/util';
import { compareStrings, sortDocuments } from './bson-order';
import { deepClone } from './values';

export interface FindOptions {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

export function matching(docs: Document[], filter: Document | undefined): Document[] {
  if (!filter || Object.keys(filter).length === 0) return docs;
  const query = bsonQuery(filter);
  return docs.filter((doc) => query.test(doc));
}

/** What a query reads of a collection (a Collection): the documents an index narrows a filter to. */
interface Searchable {
  candidates(filter: Document | undefined): Document[];
}

/** What a pipeline reads of the storage (a Storage): another collection's documents, for $lookup. */
interface Collections {
  get(db: string, name: string): { all(): Document[] } | undefined;
}

/** filter → sort → skip → limit → projection, like mongod's find. */
export function findDocuments(collection: Searchable | undefined, options: FindOptions): Document[] {
  if (!collection) return [];
  let docs = sortDocuments(matching(collection.candidates(options.filter), options.filter), options.sort);
  const skip = options.skip ?? 0;
  const limit = Math.abs(options.limit ?? 0);
  if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
  return project(docs, options.projection, options.filter);
}

/**
 * A find's result as its cursor reads it: the candidate documents (a snapshot: stored documents are never
 * mutated), with the filter and a top-level projection applied to each as a batch is taken. A large find
 * then answers its first batch without filtering and copying the whole collection first.
 */
export interface FindSource {
  docs: Document[];
  test?: (doc: Document) => boolean;
  shape?: (doc: Document) => Document;
}

/** The lazy form of findDocuments when nothing needs the whole result (no sort, skip or limit). */
export function findSource(collection: Searchable | undefined, options: FindOptions): FindSource {
  if (!collection) return { docs: [] };
  const { filter, sort, skip, limit, projection } = options;
  const fields = projection && Object.keys(projection).length > 0 ? topLevelInclusion(projection) : null;
  const whole = (sort && Object.keys(sort).length > 0) || skip || limit || fields === undefined;
  if (whole) return { docs: findDocuments(collection, options) };
  const query = filter && Object.keys(filter).length > 0 ? bsonQuery(filter) : undefined;
  return {
    docs: collection.candidates(filter),
    test: query && ((doc) => query.test(doc)),
    shape: fields ? (doc) => pick(doc, fields) : undefined,
  };
}

export function project(docs: Document[], projection: Document | undefined, filter?: Document): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const fields = topLevelInclusion(projection);
  if (fields) return docs.map((doc) => pick(doc, fields));
  return bsonQuery(filter ?? {})
    .find(deepClone(docs), projection)
    .all() as Document[];
}

/**
 * The common projection, top-level fields included ({ a: 1, b: 1 }, `_id` kept unless 0), answered by
 * picking the fields (in the document's order, as mongod does) without mingo or a deep copy: stored
 * documents are never mutated, so the values can be shared. Anything else (dotted paths, operators,
 * exclusions) goes through mingo.
 */
function topLevelInclusion(projection: Document): { keep: Set<string>; id: boolean } | undefined {
  const keep = new Set<string>();
  let id = true;
  for (const [key, value] of Object.entries(projection)) {
    const on = value === 1 || value === true;
    if (key === '_id' && (on || value === 0 || value === false)) id = on;
    else if (on && !key.includes('.') && !key.startsWith('$')) keep.add(key);
    else return undefined;
  }
  return keep.size > 0 ? { keep, id } : undefined;
}

function pick(doc: Document, fields: { keep: Set<string>; id: boolean }): Document {
  const out: Document = {};
  for (const key of Object.keys(doc)) {
    if (key === '_id' ? fields.id : fields.keep.has(key)) out[key] = doc[key];
  }
  return out;
}

export function firstMatching(collection: Searchable, filter: Document | undefined, sort?: Document) {
  const docs = matching(collection.candidates(filter), filter);
  return sortDocuments(docs, sort)[0] as Document | undefined;
}

/** Runs a pipeline on copies of the documents; a leading `$match` filters before copying. */
export function aggregateDocuments(storage: Collections, db: string, docs: Document[], pipeline: Document[]) {
  let stages = pipeline;
  let input = docs;
  while (stages.length && stages[0].$match) {
    input = matching(input, stages[0].$match as Document);
    stages = stages.slice(1);
  }
  const collectionResolver = (name: string) => deepClone(storage.get(db, name)?.all() ?? []);
  return new Aggregator(stages, { collectionResolver, context: BSON_CONTEXT }).run(
    deepClone(input),
  ) as Document[];
}

/** `$sort` in pipelines (also inside `$lookup` and `$facet`) with MongoDB's cross-type order, as find has. */
const bsonSort = (coll: Iterator, spec: Document) =>
  coll.transform((docs: Document[]) => Lazy(sortDocuments(docs, spec)));

/**
 * `$gt`/`$gte`/`$lt`/`$lte` against a string compare in UTF-8 byte order, as mongod does (mingo compares
 * UTF-16 code units); any other operand keeps mingo's comparison. Like mingo, an array field matches
 * when one of its elements does, and only a string compares with a string.
 */
type RangeOperator = (selector: string, value: unknown, options: Options) => (doc: Document) => boolean;

function stringRange(mingoOperator: QueryOperator, holds: (c: number) => boolean): QueryOperator {
  const original = mingoOperator as unknown as RangeOperator;
  const ours: RangeOperator = (selector, value, options) => {
    if (typeof value !== 'string') return original(selector, value, options);
    return (doc) =>
      ensureArray(resolve(doc, selector, { unwrapArray: true })).some(
        (v) => typeof v === 'string' && holds(compareStrings(v, value)),
      );
  };
  return ours as unknown as QueryOperator;
}

/**
 * Every mingo operator, with ours in place of the few that must follow BSON order. Built whole and used
 * with mingo's core Query/Aggregator: the preloaded ones from 'mingo' merge a given context *under*
 * their defaults, so an override passed to them is never used.
 */
const BSON_CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  projection: projectionOperators,
  window: windowOperators,
  pipeline: { ...pipelineOperators, $sort: bsonSort as unknown as PipelineOperator },
  query: {
    ...queryOperators,
    $gt: stringRange($gt, (c) => c > 0),
    $gte: stringRange($gte, (c) => c >= 0),
    $lt: stringRange($lt, (c) => c < 0),
    $lte: stringRange($lte, (c) => c <= 0),
  },
});

/** A mingo query with MongoDB's string order in range operators. */
export function bsonQuery(filter: Document): Query {
  return new Query(filter, { context: BSON_CONTEXT });
}

/** A mingo pipeline with MongoDB's sort and string order. */
export function bsonAggregator(pipeline: Document[]): Aggregator {
  return new Aggregator(pipeline, { context: BSON_CONTEXT });
}
