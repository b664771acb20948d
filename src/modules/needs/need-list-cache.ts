import { LRUCache } from 'lru-cache';
import { CHANGE_TOKEN_MAX_AGE_MS } from '../../lib/change-tokens';
import type { CacheLookup } from '../../lib/metrics';

/** What the cache may hold at most, counted as the length of the JSON it keeps. */
export const NEED_LIST_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Need-list pages as served (their JSON), by audience and query, each for one version of the needs: their
 * change token (lib/change-tokens.ts). A process keeps its own: every use names the token just read,
 * and a page of another version is built again, never served. Requests that find the same page missing
 * at once share one build. Least recently used pages go first once the JSON passes `maxBytes`; a page is
 * served at most `maxAgeMs` (CHANGE_TOKEN_MAX_AGE_MS unless given), should a token fail to move.
 */
export class NeedListCache {
  private readonly pages: LRUCache<string, { version: string; json: string }>;
  private readonly building = new Map<string, Promise<string>>();

  private readonly onLookup?: (outcome: CacheLookup) => void;

  /**
   * `onLookup`: told of each lookup's outcome (the process's metrics); `clock`: where the pages' age is read
   * (milliseconds), performance.now() unless a test passes one.
   */
  constructor(
    options: {
      maxBytes?: number;
      maxAgeMs?: number;
      onLookup?: (outcome: CacheLookup) => void;
      clock?: { now(): number };
    } = {},
  ) {
    const { maxBytes = NEED_LIST_CACHE_BYTES, maxAgeMs = CHANGE_TOKEN_MAX_AGE_MS, clock } = options;
    this.onLookup = options.onLookup;
    this.pages = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (page, key) => Math.max(1, page.json.length + key.length),
      ttl: maxAgeMs,
      // A given clock is read on every use (lru-cache otherwise reuses a reading for up to 1 ms).
      ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
    });
  }

  /** The page's JSON at this version: kept, or built (the version must be read before `build` reads). */
  page(key: string, version: string, build: () => Promise<string>): Promise<string> {
    const kept = this.pages.get(key);
    const hit = kept?.version === version;
    this.onLookup?.(hit ? 'hit' : 'miss');
    if (kept && hit) return Promise.resolve(kept.json);
    const id = `${version}|${key}`;
    let pending = this.building.get(id);
    if (!pending) {
      pending = build()
        .then((json) => {
          this.pages.set(key, { version, json });
          return json;
        })
        .finally(() => this.building.delete(id));
      this.building.set(id, pending);
    }
    return pending;
  }

  /** What the cache holds now (for /metrics and tests). */
  stats(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.pages.calculatedSize };
  }
}
