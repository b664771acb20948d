import type { Document } from 'bson';
import { Collection } from './collection';
import { CommandError } from './errors';

/** All databases of the server, in memory. */
export class Storage {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  databases(): string[] {
    return [...this.dbs.keys()].filter((db) => (this.dbs.get(db)?.size ?? 0) > 0);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Creates on first use, as inserts and upserts do. */
  ensure(db: string, name: string): Collection {
    return this.get(db, name) ?? this.create(db, name);
  }

  create(db: string, name: string, options: Document = {}): Collection {
    if (!name || name.includes('$') || name.startsWith('system.')) {
      throw new CommandError(73, 'InvalidNamespace', `Invalid collection name: ${name}`);
    }
    if (this.get(db, name))
      throw new CommandError(48, 'NamespaceExists', `Collection ${db}.${name} already exists.`);
    let collections = this.dbs.get(db);
    if (!collections) {
      collections = new Map();
      this.dbs.set(db, collections);
    }
    const collection = new Collection(db, name, options);
    collections.set(name, collection);
    return collection;
  }

  drop(db: string, name: string): boolean {
    return this.dbs.get(db)?.delete(name) ?? false;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }
}
