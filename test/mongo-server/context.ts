import type { Document } from 'bson';
import type { Collection } from './collection';
import type { Cursors } from './cursors';
import { CommandError } from './errors';
import type { Sessions, Transaction } from './sessions';
import type { Storage } from './storage';

/** What stays for the server's lifetime. */
export interface ServerState {
  storage: Storage;
  cursors: Cursors;
  sessions: Sessions;
  /** `host:port` as in the connection string: the replica set's only member. */
  address: string;
  setName: string;
}

/** One command being run. Handlers are synchronous, so each command is atomic. */
export interface CommandContext extends ServerState {
  db: string;
  command: Document;
  connectionId: number;
  txn?: Transaction;
}

export type CommandHandler = (ctx: CommandContext) => Document;

/** Writes through these so that a transaction can undo them. */
export const writer = {
  insert(ctx: CommandContext, collection: Collection, doc: Document): void {
    collection.insert(doc);
    ctx.txn?.undo.push({ collection, before: null, after: doc });
  },
  replace(ctx: CommandContext, collection: Collection, before: Document, after: Document): void {
    collection.replace(before, after);
    ctx.txn?.undo.push({ collection, before, after });
  },
  remove(ctx: CommandContext, collection: Collection, doc: Document): void {
    collection.remove(doc);
    ctx.txn?.undo.push({ collection, before: doc, after: null });
  },
};

export function collectionName(ctx: CommandContext, field: string): string {
  const name = ctx.command[field];
  if (typeof name !== 'string') {
    throw new CommandError(73, 'InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  return name;
}
