import type { CacheLookup } from '../../lib/metrics';

/** What the cache may hold at most, counted as the length of the JSON it keeps or stands for. */
export const CANDIDATE_LIST_CACHE_BYTES = 32 * 1024 * 1024;

interface Entry {
  version: string;
  view: unknown;
  /** Each page asked for, as the JSON sent, by page key. */
  pages: Map<string, string>;
  bytes: number;
}

/**
 * The candidate lists as served, one entry per need: the view built from the stored snapshot (names,
 * interests, explanations) and each page's JSON, for one version of the list. A process keeps its own
 * (the API may run as several processes), so every use names the version just read from MongoDB and an
 * entry of another version is dropped, never served. Least recently used entries go first once the
 * entries' JSON passes `maxBytes`.
 */
export class CandidateListCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry>>();
  private bytes = 0;

  /** `onLookup`: told of each lookup's outcome (the process's metrics). */
  constructor(
    private readonly maxBytes = CANDIDATE_LIST_CACHE_BYTES,
    private readonly onLookup?: (outcome: CacheLookup) => void,
  ) {}

  /**
   * The need's list at this version: from the cache, or built once (callers who ask while it is being
   * built wait for the same build). `size` is the view's JSON length, for the bound.
   */
  async view<V>(
    needId: string,
    version: string,
    build: () => Promise<V>,
    size: (view: V) => number,
  ): Promise<{ view: V; page(key: string, render: (view: V) => string): string }> {
    const kept = this.fresh(needId, version);
    this.onLookup?.(kept ? 'hit' : 'miss');
    const entry = kept ?? (await this.build(needId, version, build, size));
    return {
      view: entry.view as V,
      page: (key, render) => {
        const kept = entry.pages.get(key);
        if (kept !== undefined) return kept;
        const json = render(entry.view as V);
        // An entry dropped meanwhile (a newer version arrived) still answers this request, uncounted.
        if (this.entries.get(needId) === entry) {
          entry.pages.set(key, json);
          this.grow(entry, json.length);
        }
        return json;
      },
    };
  }

  /** What the cache holds now (for tests and metrics). */
  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** Forgets everything. */
  reset(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private fresh(needId: string, version: string): Entry | undefined {
    const entry = this.entries.get(needId);
    if (!entry) return undefined;
    this.drop(needId);
    if (entry.version !== version) return undefined;
    this.entries.set(needId, entry); // last used: now
    this.bytes += entry.bytes;
    return entry;
  }

  private async build<V>(
    needId: string,
    version: string,
    build: () => Promise<V>,
    size: (view: V) => number,
  ): Promise<Entry> {
    const key = `${needId}@${version}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = build()
        .then((view) => {
          const entry: Entry = { version, view, pages: new Map(), bytes: 0 };
          // The latest build is kept; should it be of an older version, the next use drops it.
          this.drop(needId);
          this.entries.set(needId, entry);
          this.grow(entry, size(view));
          return entry;
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private grow(entry: Entry, bytes: number): void {
    entry.bytes += bytes;
    this.bytes += bytes;
    for (const [needId, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === entry) break;
      this.drop(needId);
    }
  }

  private drop(needId: string): void {
    const entry = this.entries.get(needId);
    if (!entry) return;
    this.entries.delete(needId);
    this.bytes -= entry.bytes;
  }
}
