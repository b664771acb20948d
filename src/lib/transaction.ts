import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type ClientSession, type Connection, type mongo } from 'mongoose';

/**
 * The one way a step commits its writes together (house style 8c). Modelled on the driver's
 * `session.withTransaction`, but with a bounded number of attempts rather than its 120 s budget.
 */
export interface TransactionOptions {
  /** Runs of the callback, the first included, before a transient error is given up. Default 5. */
  maxAttempts?: number;
  /** Pause before the first retry; it doubles at each further retry, with jitter. Default 10 ms. */
  backoffMs?: number;
  /** Where the session is opened; default the process's mongoose connection (the one models use). */
  connection?: Pick<Connection, 'startSession'>;
  /** Passed to `startTransaction`; default snapshot reads and majority writes. */
  transactionOptions?: mongo.TransactionOptions;
}

export const TRANSIENT_TRANSACTION_ERROR = 'TransientTransactionError';
export const UNKNOWN_TRANSACTION_COMMIT_RESULT = 'UnknownTransactionCommitResult';

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 10;
const MAX_TIME_MS_EXPIRED = 50;

/** Whether an error carries a MongoDB error label (the driver's errors, or any error with `errorLabels`). */
export function hasErrorLabel(err: unknown, label: string): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { hasErrorLabel?: unknown; errorLabels?: unknown };
  if (typeof e.hasErrorLabel === 'function') return Boolean(e.hasErrorLabel(label));
  return Array.isArray(e.errorLabels) && e.errorLabels.includes(label);
}

/** A commit that ran out of time may well have committed: retrying it is not safe to assume. */
function isMaxTimeExpired(err: unknown): boolean {
  const e = err as { code?: unknown; writeConcernError?: { code?: unknown } } | undefined;
  return e?.code === MAX_TIME_MS_EXPIRED || e?.writeConcernError?.code === MAX_TIME_MS_EXPIRED;
}

/** What runs once a session's transaction has committed, by key (one run per key per transaction). */
const committed = new WeakMap<ClientSession, Map<string, () => Promise<void>>>();

/**
 * Runs `fn` once the writes made on `session` are committed: at once (awaited) when there is no session or
 * no transaction, else after withTransaction's commit, before it returns (an aborted attempt's are
 * dropped; a retry registers its own). Registering the same key twice in a transaction runs it once.
 * For work that must follow the data and may not run ahead of it, such as moving a cache's version on;
 * `fn` should not throw (the data is committed whatever it does; withTransaction would throw its error).
 */
export async function afterCommit(
  session: ClientSession | null | undefined,
  key: string,
  fn: () => Promise<void>,
): Promise<void> {
  const pending = session?.inTransaction() ? committed.get(session) : undefined;
  if (pending) pending.set(key, fn);
  // A transaction opened outside withTransaction: after its session ends, committed or not.
  else if (session?.inTransaction()) {
    session.once('ended', () => {
      fn().catch((err: unknown) => process.emitWarning(`after a commit: ${(err as Error).message}`));
    });
  } else await fn();
}

const backoff = (baseMs: number, retry: number) =>
  sleep(baseMs * 2 ** (retry - 1) * (0.5 + Math.random() / 2));

/**
 * Runs `fn` in one transaction on a new session and commits; returns what `fn` returned.
 *
 * - A `TransientTransactionError` (from `fn` or from the commit) aborts and runs `fn` again from the
 *   start, up to `maxAttempts` in all; an `UnknownTransactionCommitResult` retries the commit alone.
 *   Any other error aborts and is thrown as it is, after one run.
 * - `fn` may therefore run more than once: it must only write through `session`, start afresh on each
 *   run, and leave every side effect outside MongoDB (queue jobs, HTTP, email) to after this returns.
 * - The driver does not support concurrent operations on one session: inside `fn`, await each read
 *   and write before the next (no `Promise.all` over queries on `session`).
 */
export async function withTransaction<T>(
  fn: (session: ClientSession) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const transactionOptions: mongo.TransactionOptions = {
    readConcern: { level: 'snapshot' },
    writeConcern: { w: 'majority' },
    ...options.transactionOptions,
  };
  const session = await (options.connection ?? mongoose.connection).startSession();
  const pending = new Map<string, () => Promise<void>>();
  let result: T;
  try {
    for (let attempt = 1; ; attempt++) {
      session.startTransaction(transactionOptions);
      pending.clear();
      committed.set(session, pending);
      try {
        result = await fn(session);
        await commit(session, maxAttempts, backoffMs);
        break;
      } catch (err) {
        if (session.inTransaction()) await session.abortTransaction();
        if (attempt >= maxAttempts || !hasErrorLabel(err, TRANSIENT_TRANSACTION_ERROR)) throw err;
        await backoff(backoffMs, attempt);
      }
    }
  } finally {
    committed.delete(session);
    await session.endSession();
  }
  for (const run of pending.values()) await run();
  return result;
}

/** Commits, retrying while the outcome is unknown (the driver re-sends it with majority write concern). */
async function commit(session: ClientSession, maxAttempts: number, backoffMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await session.commitTransaction();
      return;
    } catch (err) {
      const unknown = hasErrorLabel(err, UNKNOWN_TRANSACTION_COMMIT_RESULT) && !isMaxTimeExpired(err);
      if (!unknown || attempt >= maxAttempts) throw err;
      await backoff(backoffMs, attempt);
    }
  }
}
