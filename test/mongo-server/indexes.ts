import type { Document } from 'bson';
import type { Query } from 'mingo/query';
import { formatValue, keyString } from './bson-order';
import { CommandError } from './errors';
import { bsonQuery } from './query';
import { getPathValues } from './values';

export interface IndexSpec extends Document {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

interface IndexEntry {
  key: string;
  keyValue: Document;
}

/** A secondary index. Only unique indexes keep entries: nothing else needs them in memory. */
export class Index {
  readonly fields: string[];
  private readonly entries = new Map<string, string>();
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = bsonQuery(spec.partialFilterExpression);
  }

  /** Index keys of a document: one per combination of array elements (multikey); none if not indexed. */
  private entriesOf(doc: Document): IndexEntry[] {
    const perField = this.fields.map((f) =>
      getPathValues(doc, f).flatMap((v) => (Array.isArray(v) ? v : [v])),
    );
    if (this.spec.sparse && perField.every((values) => values.length === 0)) return [];
    if (this.partial && !this.partial.test(doc)) return [];
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      const choices = values.length ? values : [null];
      combos = combos.flatMap((c) => choices.map((v) => [...c, v]));
    }
    const seen = new Map<string, IndexEntry>();
    for (const combo of combos) {
      const keyValue: Document = {};
      this.fields.forEach((f, i) => {
        keyValue[f] = combo[i] ?? null;
      });
      const key = combo.map(keyString).join('|');
      seen.set(key, { key, keyValue });
    }
    return [...seen.values()];
  }

  /** Throws E11000 if the document would collide with another document than `selfId`. */
  check(doc: Document, selfId: string, ns: string): void {
    if (!this.spec.unique) return;
    for (const entry of this.entriesOf(doc)) {
      const owner = this.entries.get(entry.key);
      if (owner !== undefined && owner !== selfId) throw duplicateKey(ns, this.spec, entry.keyValue);
    }
  }

  add(doc: Document, id: string): void {
    if (!this.spec.unique) return;
    for (const entry of this.entriesOf(doc)) this.entries.set(entry.key, id);
  }

  remove(doc: Document, id: string): void {
    if (!this.spec.unique) return;
    for (const entry of this.entriesOf(doc))
      if (this.entries.get(entry.key) === id) this.entries.delete(entry.key);
  }
}

export function duplicateKey(ns: string, spec: IndexSpec, keyValue: Document): CommandError {
  return new CommandError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${formatValue(keyValue)}`,
    { keyPattern: spec.key, keyValue },
  );
}

/** The default index name mongod gives a key pattern, e.g. `email_1_createdAt_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${v}`)
    .join('_');
}
