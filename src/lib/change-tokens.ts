import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { ClientSession, MongooseQueryMiddleware, Query, Schema } from 'mongoose';
import { afterCommit } from './transaction';

/**
 * What the per-process caches are kept against: the accounts (authenticate), the needs and organisations
 * (the need lists; the experts' board names organisations) and the candidate snapshots (the candidate lists).
 */
export type ChangeTopic = 'accounts' | 'needs' | 'organisations' | 'candidates';

/**
 * How long a value kept under a token is used at most: the bound on a stale answer should a token fail to
 * move after a commit (Redis unreachable at that moment).
 */
export const CHANGE_TOKEN_MAX_AGE_MS = 10_000;

type Listener = (topic: ChangeTopic) => Promise<void>;

/**
 * The change tokens that hear committed writes: one per context (ChangeTokens.listen). Module-level because
 * the models' hooks that announce the writes are (a mongoose model belongs to the module, not to a context).
 */
const listeners = new Set<Listener>();

/**
 * Announces that the writes made on `session` change `topic`: once they are committed (at once without a
 * transaction), every listening context draws the topic a new token, before the writer's step returns.
 * Called by the models' write hooks, so no write through a model can leave a cache behind.
 */
export function changed(session: ClientSession | null | undefined, topic: ChangeTopic): Promise<void> {
  return afterCommit(session, `changed:${topic}`, async () => {
    await Promise.all([...listeners].map((listener) => listener(topic)));
  });
}

/** The query writes a model's hooks hear besides `save` (insertMany and bulkWrite are not among them). */
const UPDATE_QUERIES: MongooseQueryMiddleware[] = ['updateOne', 'updateMany', 'findOneAndUpdate'];
const OTHER_WRITE_QUERIES: MongooseQueryMiddleware[] = [
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
];

/**
 * Makes every write through the schema's model announce `topic` once committed, whoever makes it — but an
 * update that only sets `quiet` fields (no cache of the topic reads them; the timestamps aside) moves nothing.
 * Writes that bypass the model (its raw collection, insertMany, bulkWrite) move nothing either: a cache then
 * ages out.
 */
export function announceWrites(schema: Schema, topic: ChangeTopic, quiet: readonly string[] = []): void {
  const announce = (session: ClientSession | null | undefined) => changed(session, topic);
  schema.post('save', async function () {
    await announce(this.$session());
  });
  schema.post(UPDATE_QUERIES, async function (this: Query<unknown, unknown>) {
    if (quiet.length > 0 && setsOnly(this, quiet)) return;
    await announce(this.getOptions().session as ClientSession | undefined);
  });
  schema.post(OTHER_WRITE_QUERIES, async function (this: Query<unknown, unknown>) {
    await announce(this.getOptions().session as ClientSession | undefined);
  });
}

/** Update operators that change the paths they name and no other ($setOnInsert: only an upsert's insert). */
const FIELD_OPERATORS = new Set(['$set', '$unset', '$currentDate', '$setOnInsert']);
const TIMESTAMPS = new Set(['createdAt', 'updatedAt']);

/** Whether an update query (not an upsert, not a pipeline) changes only these fields. */
function setsOnly(query: Query<unknown, unknown>, fields: readonly string[]): boolean {
  const update = query.getUpdate();
  if (!update || Array.isArray(update) || query.getOptions().upsert) return false;
  return Object.entries(update).every(
    ([operator, paths]) =>
      FIELD_OPERATORS.has(operator) &&
      Object.keys(paths ?? {}).every((path) => TIMESTAMPS.has(path) || fields.includes(path)),
  );
}

/**
 * A token per topic in Redis, drawn anew (a random UUID) after every committed write to it: a cache entry
 * kept under the token read before its data was read is never older than the token says, and a writer's
 * answer comes after the token moved, so the next request anywhere sees the write. One Redis GET instead
 * of a MongoDB read per request. A token cannot come back (random, not a counter), so Redis losing its keys
 * only makes the caches miss. Without a token (none yet, or Redis unreadable) a caller reads the data and
 * keeps nothing; a token that failed to move leaves a cache at most its age bound behind (a warning).
 */
export class ChangeTokens {
  private readonly listener: Listener = (topic) => this.move(topic);

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(topic: ChangeTopic): string {
    return `${this.prefix}${topic}`;
  }

  /** The topic's token now; undefined when there is none yet (one is drawn for the next read) or Redis fails. */
  read(topic: ChangeTopic): Promise<string | undefined> {
    return this.version([topic]);
  }

  /**
   * The topics' tokens now, as one version (one Redis round trip); undefined when any has none yet (each
   * missing one is drawn for the next read) or Redis fails.
   */
  async version(topics: readonly ChangeTopic[]): Promise<string | undefined> {
    try {
      const tokens = await this.redis.mget(topics.map((topic) => this.key(topic)));
      if (tokens.every(Boolean)) return tokens.join('.');
      for (const [k, topic] of topics.entries()) {
        if (!tokens[k]) await this.redis.set(this.key(topic), randomUUID(), 'NX');
      }
    } catch {
      // Redis unavailable: the caller reads the data itself.
    }
    return undefined;
  }

  /** Draws the topic a new token: every entry kept under the old one is out of date. */
  async move(topic: ChangeTopic): Promise<void> {
    try {
      await this.redis.set(this.key(topic), randomUUID());
    } catch (err) {
      process.emitWarning(`The ${topic} change token did not move: ${(err as Error).message}`);
    }
  }

  /** Hears the models' committed writes from now on (createContext does it); returns how to stop. */
  listen(): () => void {
    listeners.add(this.listener);
    return () => listeners.delete(this.listener);
  }
}

/**
 * Values read from MongoDB by key, each kept under the topic's change token read before it and used while
 * that token stands: one Redis read instead of a MongoDB one while nothing of the topic changed. Without a
 * token (none yet, Redis unreadable) every get reads and nothing is kept. `maxAgeMs` (CHANGE_TOKEN_MAX_AGE_MS
 * unless given) bounds how long a value is used should a token fail to move (read on `clock`,
 * performance.now() unless a test passes one); the least recently used go first past `max` values.
 */
export class ChangeTokenCache<V> {
  private readonly kept: LRUCache<string, { token: string; value: V }>;

  constructor(
    private readonly changes: Pick<ChangeTokens, 'read'>,
    private readonly topic: ChangeTopic,
    private readonly load: (key: string) => Promise<V>,
    options: { max: number; maxAgeMs?: number; clock?: { now(): number } },
  ) {
    const { max, maxAgeMs = CHANGE_TOKEN_MAX_AGE_MS, clock } = options;
    this.kept = new LRUCache({
      max,
      ttl: maxAgeMs,
      // A given clock is read on every use (lru-cache otherwise reuses a reading for up to 1 ms).
      ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
    });
  }

  async get(key: string): Promise<V> {
    const token = await this.changes.read(this.topic);
    const kept = this.kept.get(key);
    if (token !== undefined && kept?.token === token) return kept.value;
    const value = await this.load(key);
    if (token !== undefined) this.kept.set(key, { token, value });
    return value;
  }
}
