import session, { type SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { ServiceUnavailableError } from '../errors';

type Callback = (err?: unknown, data?: SessionData | null) => void;

/**
 * Any failing Redis call means the sessions cannot be read or kept right now (the producer connection has
 * no offline queue, so an outage fails at once): a 503 with Retry-After, not a 500.
 */
const unavailable = (err: unknown) =>
  new ServiceUnavailableError('Sessions are unavailable for a moment; try again shortly.', err);

/** A stored session, or none when it is missing or unreadable (a corrupt value starts a new session). */
function parsed(raw: string | null): SessionData | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SessionData;
  } catch {
    return null;
  }
}

/**
 * express-session store on ioredis (connect-redis needs the node-redis client). Each session is one
 * key with a TTL, so expiry is Redis's job. It has no `touch`: express-session would call it on every
 * request that leaves the session unchanged; the session middleware moves the expiry on by saving
 * instead, at most once a minute (SESSION_REFRESH_MS).
 */
export class RedisSessionStore extends session.Store {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    super();
  }

  private key(sid: string): string {
    return `${this.prefix}${sid}`;
  }

  private ttl(sess: SessionData): number {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : undefined;
    return expires ? Math.max(1, Math.ceil((expires - Date.now()) / 1000)) : this.ttlSeconds;
  }

  override get(sid: string, cb: Callback): void {
    this.client.get(this.key(sid)).then(
      (raw) => cb(undefined, parsed(raw)),
      (err) => cb(unavailable(err)),
    );
  }

  override set(sid: string, sess: SessionData, cb: (err?: unknown) => void = () => {}): void {
    this.client.set(this.key(sid), JSON.stringify(sess), 'EX', this.ttl(sess)).then(
      () => cb(),
      (err) => cb(unavailable(err)),
    );
  }

  override destroy(sid: string, cb: (err?: unknown) => void = () => {}): void {
    this.client.del(this.key(sid)).then(
      () => cb(),
      (err) => cb(unavailable(err)),
    );
  }
}
