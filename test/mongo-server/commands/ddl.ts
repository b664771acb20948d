import type { Document } from 'bson';
import { type CommandHandler, collectionName } from '../context';
import { CommandError, nsNotFound } from '../errors';
import { defaultIndexName, type IndexSpec } from '../indexes';
import { matching } from '../query';

/** Command fields that are not collection options. */
const GENERIC_FIELDS = new Set([
  'create',
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  'writeConcern',
  '$readPreference',
  'comment',
]);

const create: CommandHandler = (ctx) => {
  const options = Object.fromEntries(Object.entries(ctx.command).filter(([k]) => !GENERIC_FIELDS.has(k)));
  ctx.storage.create(ctx.db, collectionName(ctx, 'create'), options);
  return { ok: 1 };
};

const drop: CommandHandler = (ctx) => {
  if (!ctx.storage.drop(ctx.db, collectionName(ctx, 'drop'))) throw nsNotFound();
  return { ok: 1 };
};

const dropDatabase: CommandHandler = (ctx) => {
  ctx.storage.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

const listCollections: CommandHandler = (ctx) => {
  const all = ctx.storage.collections(ctx.db).map((c) => ({
    name: c.name,
    type: 'collection',
    options: c.options,
    info: { readOnly: false, uuid: c.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  const docs = matching(all, ctx.command.filter).map((d) =>
    ctx.command.nameOnly ? { name: d.name, type: d.type } : d,
  );
  return ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, docs, ctx.command.cursor?.batchSize);
};

const createIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx, 'createIndexes');
  const existed = ctx.storage.get(ctx.db, name) !== undefined;
  const collection = ctx.storage.ensure(ctx.db, name);
  const numIndexesBefore = collection.indexSpecs().length;
  for (const requested of ctx.command.indexes as Document[]) {
    const spec = { v: 2, ...requested, name: requested.name ?? defaultIndexName(requested.key) } as IndexSpec;
    const sameName = collection.indexSpecs().find((s) => s.name === spec.name);
    const sameKey = collection.indexSpecs().find((s) => JSON.stringify(s.key) === JSON.stringify(spec.key));
    if (sameName && JSON.stringify(sameName.key) !== JSON.stringify(spec.key)) {
      throw new CommandError(
        86,
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index: ${spec.name}`,
      );
    }
    if (sameKey && (sameKey.name !== spec.name || Boolean(sameKey.unique) !== Boolean(spec.unique))) {
      throw new CommandError(
        85,
        'IndexOptionsConflict',
        `Index already exists with a different name or options: ${sameKey.name}`,
      );
    }
    if (!sameKey) collection.addIndex(spec);
  }
  return {
    createdCollectionAutomatically: !existed,
    numIndexesBefore,
    numIndexesAfter: collection.indexSpecs().length,
    ok: 1,
  };
};

const listIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx, 'listIndexes');
  const collection = ctx.storage.get(ctx.db, name);
  if (!collection) throw nsNotFound(`ns does not exist: ${ctx.db}.${name}`);
  return ctx.cursors.first(`${ctx.db}.${name}`, collection.indexSpecs(), ctx.command.cursor?.batchSize);
};

const dropIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx, 'dropIndexes');
  const collection = ctx.storage.get(ctx.db, name);
  if (!collection) throw nsNotFound(`ns not found ${ctx.db}.${name}`);
  const nIndexesWas = collection.indexSpecs().length;
  const which = ctx.command.index;
  const names =
    which === '*'
      ? collection.indexes.map((i) => i.spec.name)
      : (Array.isArray(which) ? which : [which]).map((w: unknown) =>
          typeof w === 'string'
            ? w
            : collection.indexSpecs().find((s) => JSON.stringify(s.key) === JSON.stringify(w))?.name,
        );
  for (const indexName of names) {
    if (indexName === '_id_') throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    if (!indexName || !collection.dropIndex(indexName)) {
      throw new CommandError(27, 'IndexNotFound', `index not found with name [${indexName}]`);
    }
  }
  return { nIndexesWas, ok: 1 };
};

const collStats: CommandHandler = (ctx) => {
  const name = collectionName(ctx, 'collStats');
  const collection = ctx.storage.get(ctx.db, name);
  if (!collection) throw nsNotFound(`Collection [${ctx.db}.${name}] not found.`);
  const nindexes = collection.indexSpecs().length;
  return { ns: collection.ns, count: collection.size, size: 0, storageSize: 0, nindexes, ok: 1 };
};

const dbStats: CommandHandler = (ctx) => {
  const collections = ctx.storage.collections(ctx.db);
  const objects = collections.reduce((sum, c) => sum + c.size, 0);
  return {
    db: ctx.db,
    collections: collections.length,
    views: 0,
    objects,
    dataSize: 0,
    storageSize: 0,
    ok: 1,
  };
};

export const ddlCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  collStats,
  dbStats,
};
