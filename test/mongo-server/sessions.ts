import type { Binary, Document } from 'bson';
import type { Collection } from './collection';
import { CommandError } from './errors';

/** How to take back one write: the document before (null for an insert) and after (null for a delete). */
export interface UndoEntry {
  collection: Collection;
  before: Document | null;
  after: Document | null;
}

export interface Transaction {
  txnNumber: number;
  state: 'active' | 'committed' | 'aborted';
  undo: UndoEntry[];
}

interface Session {
  txn?: Transaction;
  /** Replies of retryable writes by txnNumber, so a retry is answered without writing twice. */
  retries: Map<number, Document>;
}

const MAX_REMEMBERED_RETRIES = 100;

export const noSuchTransaction = (txnNumber: unknown) =>
  new CommandError(251, 'NoSuchTransaction', `Transaction with txnNumber ${txnNumber} has not been started`, {
    errorLabels: ['TransientTransactionError'],
  });

/**
 * Logical sessions. Transactions give atomic rollback (undo log) but no isolation:
 * their writes are visible to everyone at once.
 */
export class Sessions {
  private readonly sessions = new Map<string, Session>();

  private session(lsid: Document): Session {
    const key = Buffer.from((lsid.id as Binary).buffer).toString('hex');
    let session = this.sessions.get(key);
    if (!session) {
      session = { retries: new Map() };
      this.sessions.set(key, session);
    }
    return session;
  }

  /** The transaction a command with `autocommit: false` runs in, starting it when asked. */
  transactionFor(command: Document): Transaction {
    const session = this.session(command.lsid as Document);
    const txnNumber = Number(command.txnNumber);
    if (command.startTransaction) {
      if (session.txn?.state === 'active') rollback(session.txn);
      session.txn = { txnNumber, state: 'active', undo: [] };
    }
    const txn = session.txn;
    if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    return txn;
  }

  current(command: Document): Transaction | undefined {
    const txn = this.session(command.lsid as Document).txn;
    return txn && txn.txnNumber === Number(command.txnNumber) ? txn : undefined;
  }

  rememberedRetry(command: Document): Document | undefined {
    return this.session(command.lsid as Document).retries.get(Number(command.txnNumber));
  }

  rememberRetry(command: Document, reply: Document): void {
    const retries = this.session(command.lsid as Document).retries;
    retries.set(Number(command.txnNumber), reply);
    if (retries.size > MAX_REMEMBERED_RETRIES) retries.delete(retries.keys().next().value as number);
  }

  end(lsids: Document[]): void {
    for (const lsid of lsids) {
      const session = this.session(lsid);
      if (session.txn?.state === 'active') rollback(session.txn);
      this.sessions.delete(Buffer.from((lsid.id as Binary).buffer).toString('hex'));
    }
  }

  endAll(): void {
    for (const session of this.sessions.values()) if (session.txn?.state === 'active') rollback(session.txn);
    this.sessions.clear();
  }
}

/** Undoes a transaction's writes, newest first. */
export function rollback(txn: Transaction): void {
  for (const { collection, before, after } of txn.undo.reverse()) {
    if (before && after) collection.replace(after, before, true);
    else if (after) collection.remove(after);
    else if (before) collection.insert(before, true);
  }
  txn.undo = [];
  txn.state = 'aborted';
}
