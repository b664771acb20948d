import type { Document } from 'bson';
import { type CommandContext, type CommandHandler, collectionName, writer } from '../context';
import { CommandError, toCommandError } from '../errors';
import { firstMatching, matching } from '../query';
import { applyUpdate, isOperatorUpdate, isPipelineUpdate, upsertDocument } from '../update-engine';
import { withId } from '../values';

/** Runs each statement; ordered writes stop at the first error, unordered ones collect them all. */
function eachStatement(
  ctx: CommandContext,
  field: string,
  run: (stmt: Document, index: number) => void,
): Document[] {
  const statements = (ctx.command[field] ?? []) as Document[];
  const ordered = ctx.command.ordered !== false;
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      run(statements[i], i);
    } catch (err) {
      const error = toCommandError(err);
      writeErrors.push(error.toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length ? { ...reply, writeErrors } : reply;
}

const insert: CommandHandler = (ctx) => {
  const collection = ctx.storage.ensure(ctx.db, collectionName(ctx, 'insert'));
  let n = 0;
  const writeErrors = eachStatement(ctx, 'documents', (doc) => {
    writer.insert(ctx, collection, withId(doc));
    n++;
  });
  return withErrors({ n, ok: 1 }, writeErrors);
};

const update: CommandHandler = (ctx) => {
  const name = collectionName(ctx, 'update');
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = eachStatement(ctx, 'updates', (stmt, index) => {
    const { q = {}, u, multi, upsert, arrayFilters, sort } = stmt as Document & { u: Document };
    if (multi && !isOperatorUpdate(u) && !isPipelineUpdate(u)) {
      throw new CommandError(
        9,
        'FailedToParse',
        'multi update is not supported for replacement-style update',
      );
    }
    const existing = ctx.storage.get(ctx.db, name);
    const targets = !existing
      ? []
      : multi
        ? matching(existing.candidates(q), q)
        : [firstMatching(existing, q, sort)];
    let matched = 0;
    for (const before of targets.filter((d): d is Document => d !== undefined)) {
      matched++;
      n++;
      const result = applyUpdate(before, u, { filter: q, arrayFilters });
      if (!result.changed) continue;
      writer.replace(ctx, existing as NonNullable<typeof existing>, before, result.doc);
      nModified++;
    }
    if (matched === 0 && upsert) {
      const doc = upsertDocument(q, u, arrayFilters);
      writer.insert(ctx, ctx.storage.ensure(ctx.db, name), doc);
      upserted.push({ index, _id: doc._id });
      n++;
    }
  });
  const reply: Document = { n, nModified, ok: 1 };
  if (upserted.length) reply.upserted = upserted;
  return withErrors(reply, writeErrors);
};

const remove: CommandHandler = (ctx) => {
  const collection = ctx.storage.get(ctx.db, collectionName(ctx, 'delete'));
  let n = 0;
  const writeErrors = eachStatement(ctx, 'deletes', (stmt) => {
    if (!collection) return;
    const q = (stmt.q ?? {}) as Document;
    const targets =
      Number(stmt.limit) === 1 ? [firstMatching(collection, q)] : matching(collection.candidates(q), q);
    for (const doc of targets) {
      if (!doc) continue;
      writer.remove(ctx, collection, doc);
      n++;
    }
  });
  return withErrors({ n, ok: 1 }, writeErrors);
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
