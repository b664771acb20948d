import type { Document } from 'bson';
import { Aggregator, Context, Query } from 'mingo';
import { type Iterator, Lazy } from 'mingo/lazy';
import type { PipelineOperator } from 'mingo/types';
import { sortDocuments } from './bson-order';
import type { Collection } from './collection';
import type { Storage } from './storage';
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
  const query = new Query(filter);
  return docs.filter((doc) => query.test(doc));
}

/** filter → sort → skip → limit → projection, like mongod's find. */
export function findDocuments(collection: Collection | undefined, options: FindOptions): Document[] {
  if (!collection) return [];
  let docs = sortDocuments(matching(collection.candidates(options.filter), options.filter), options.sort);
  const skip = options.skip ?? 0;
  const limit = Math.abs(options.limit ?? 0);
  if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
  return project(docs, options.projection, options.filter);
}

export function project(docs: Document[], projection: Document | undefined, filter?: Document): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query(filter ?? {}).find(deepClone(docs), projection).all() as Document[];
}

export function firstMatching(collection: Collection, filter: Document | undefined, sort?: Document) {
  const docs = matching(collection.candidates(filter), filter);
  return sortDocuments(docs, sort)[0] as Document | undefined;
}

/** Runs a pipeline on copies of the documents; a leading `$match` filters before copying. */
export function aggregateDocuments(storage: Storage, db: string, docs: Document[], pipeline: Document[]) {
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
const BSON_CONTEXT = Context.init({ pipeline: { $sort: bsonSort as unknown as PipelineOperator } });
