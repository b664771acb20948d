import type { Document } from 'bson';
import { keyString } from '../bson-order';
import { type CommandHandler, collectionName } from '../context';
import { badValue } from '../errors';
import { aggregateDocuments, findSource, matching } from '../query';
import { getPathValues } from '../values';

const find: CommandHandler = (ctx) => {
  const name = collectionName(ctx, 'find');
  const { filter, sort, skip, limit, projection, batchSize, singleBatch } = ctx.command;
  const docs = findSource(ctx.storage.get(ctx.db, name), { filter, sort, skip, limit, projection });
  const single = Boolean(singleBatch) || (typeof limit === 'number' && limit < 0);
  return ctx.cursors.first(`${ctx.db}.${name}`, docs, batchSize, single);
};

const getMore: CommandHandler = (ctx) => ctx.cursors.more(Number(ctx.command.getMore), ctx.command.batchSize);

const killCursors: CommandHandler = (ctx) => ctx.cursors.kill((ctx.command.cursors as unknown[]).map(Number));

const UNSUPPORTED_STAGES = ['$out', '$merge', '$changeStream', '$geoNear', '$search'];

const aggregate: CommandHandler = (ctx) => {
  const pipeline = (ctx.command.pipeline ?? []) as Document[];
  const unsupported = pipeline.flatMap((s) => Object.keys(s)).find((k) => UNSUPPORTED_STAGES.includes(k));
  if (unsupported) throw badValue(`${unsupported} is not supported by the test server`);
  const target = ctx.command.aggregate;
  const collection = typeof target === 'string' ? ctx.storage.get(ctx.db, target) : undefined;
  const docs = aggregateDocuments(ctx.storage, ctx.db, collection?.all() ?? [], pipeline);
  const ns = `${ctx.db}.${typeof target === 'string' ? target : '$cmd.aggregate'}`;
  return ctx.cursors.first(ns, docs, (ctx.command.cursor as Document | undefined)?.batchSize);
};

const count: CommandHandler = (ctx) => {
  const { query, skip = 0, limit = 0 } = ctx.command;
  const collection = ctx.storage.get(ctx.db, collectionName(ctx, 'count'));
  let n = Math.max(0, matching(collection?.candidates(query) ?? [], query).length - skip);
  if (limit) n = Math.min(n, Math.abs(limit));
  return { n, ok: 1 };
};

const distinct: CommandHandler = (ctx) => {
  const { key, query } = ctx.command;
  const collection = ctx.storage.get(ctx.db, collectionName(ctx, 'distinct'));
  const seen = new Map<string, unknown>();
  for (const doc of matching(collection?.candidates(query) ?? [], query)) {
    for (const value of getPathValues(doc, key).flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      seen.set(keyString(value), value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  aggregate,
  count,
  distinct,
};
