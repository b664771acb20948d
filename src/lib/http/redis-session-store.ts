import session, { type SessionData } from 'express-session';
import type { Redis } from 'ioredis';

type Callback = (err?: unknown, data?: SessionData | null) => void;

/**
 * express-session store on ioredis (connect-redis needs the node-redis client). Each session is one
 * key with a TTL, so expiry is Redis's job.
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
      (raw) => cb(undefined, raw ? (JSON.parse(raw) as SessionData) : null),
      (err) => cb(err),
    );
  }

  override set(sid: string, sess: SessionData, cb: (err?: unknown) => void = () => {}): void {
    this.client.set(this.key(sid), JSON.stringify(sess), 'EX', this.ttl(sess)).then(
      () => cb(),
      (err) => cb(err),
    );
  }

  override touch(sid: string, sess: SessionData, cb: (err?: unknown) => void = () => {}): void {
    this.client.expire(this.key(sid), this.ttl(sess)).then(
      () => cb(),
      (err) => cb(err),
    );
  }

  override destroy(sid: string, cb: (err?: unknown) => void = () => {}): void {
    this.client.del(this.key(sid)).then(
      () => cb(),
      (err) => cb(err),
    );
  }
}
