import type { Document } from 'bson';
import { type CommandHandler, collectionName, writer } from '../context';
import { firstMatching, project } from '../query';
import { applyUpdate, upsertDocument } from '../update-engine';

/** findAndModify: find one (by sort), then remove, update or upsert it in the same synchronous step. */
const findAndModify: CommandHandler = (ctx) => {
  const name = collectionName(ctx, Object.keys(ctx.command)[0]);
  const { query = {}, sort, remove, update: u, new: returnNew, fields, upsert, arrayFilters } = ctx.command;
  const collection = ctx.storage.get(ctx.db, name);
  const before = collection ? firstMatching(collection, query, sort) : undefined;
  const shape = (doc: Document | undefined) => (doc ? project([doc], fields, query)[0] : null);

  if (remove) {
    if (collection && before) writer.remove(ctx, collection, before);
    return { lastErrorObject: { n: before ? 1 : 0 }, value: shape(before), ok: 1 };
  }
  if (collection && before) {
    const result = applyUpdate(before, u, { filter: query, arrayFilters });
    if (result.changed) writer.replace(ctx, collection, before, result.doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: shape(returnNew ? result.doc : before),
      ok: 1,
    };
  }
  if (upsert) {
    const doc = upsertDocument(query, u, arrayFilters);
    writer.insert(ctx, ctx.storage.ensure(ctx.db, name), doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: returnNew ? shape(doc) : null,
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
};

export const findAndModifyCommands: Record<string, CommandHandler> = {
  findAndModify,
  findandmodify: findAndModify,
};
