import { type Document, UUID } from 'bson';
import { keyString } from './bson-order';
import { badValue, CommandError } from './errors';
import { duplicateKey, ID_INDEX, Index, type IndexSpec } from './indexes';
import { isPlainObject } from './values';

/**
 * One collection. Stored documents are never mutated: writers build a new object and replace,
 * so cursors and replies may share references with the store.
 */
export class Collection {
  private readonly docs = new Map<string, Document>();
  readonly indexes: Index[] = [];
  readonly uuid = new UUID();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  all(): Document[] {
    return [...this.docs.values()];
  }

  /** Documents a filter may match: a plain `_id` equality is looked up directly, anything else scans. */
  candidates(filter: Document | undefined): Document[] {
    const id = filter?._id;
    // A read by a list of ids (`_id: { $in: [...] }` of ObjectIds or strings): only the listed
    // documents, in stored order, without evaluating the filter on every document.
    if (isPlainObject(id) && Object.keys(id).length === 1 && Array.isArray(id.$in)) {
      const keys = (id.$in as unknown[]).map(keyString);
      if (keys.every((k) => k.startsWith('o:') || k.startsWith('s:'))) {
        const wanted = new Set(keys);
        return [...this.docs].filter(([k]) => wanted.has(k)).map(([, doc]) => doc);
      }
    }
    if (id === undefined || (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$'))))
      return this.all();
    if (id instanceof RegExp) return this.all();
    const doc = this.docs.get(keyString(id));
    return doc ? [doc] : [];
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...this.indexes.map((i) => i.spec)];
  }

  insert(doc: Document, force = false): void {
    const id = keyString(doc._id);
    if (Array.isArray(doc._id)) throw badValue("can't use an array for _id");
    if (!force) {
      if (this.docs.has(id)) throw duplicateKey(this.ns, ID_INDEX, { _id: doc._id });
      for (const index of this.indexes) index.check(doc, id, this.ns);
    }
    this.docs.set(id, doc);
    for (const index of this.indexes) index.add(doc, id);
  }

  replace(before: Document, after: Document, force = false): void {
    const id = keyString(before._id);
    if (id !== keyString(after._id)) {
      throw new CommandError(
        66,
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    if (!force) for (const index of this.indexes) index.check(after, id, this.ns);
    for (const index of this.indexes) index.remove(before, id);
    this.docs.set(id, after);
    for (const index of this.indexes) index.add(after, id);
  }

  remove(doc: Document): void {
    const id = keyString(doc._id);
    for (const index of this.indexes) index.remove(doc, id);
    this.docs.delete(id);
  }

  /** Builds a new index over the existing documents; fails with E11000 on duplicates, changing nothing. */
  addIndex(spec: IndexSpec): void {
    const index = new Index(spec);
    for (const [id, doc] of this.docs) {
      index.check(doc, id, this.ns);
      index.add(doc, id);
    }
    this.indexes.push(index);
  }

  dropIndex(name: string): boolean {
    const at = this.indexes.findIndex((i) => i.spec.name === name);
    if (at >= 0) this.indexes.splice(at, 1);
    return at >= 0;
  }
}
