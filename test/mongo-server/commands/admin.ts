import { type Document, ObjectId } from 'bson';
import type { CommandHandler } from '../context';
import { CommandError } from '../errors';
import { noSuchTransaction, rollback } from '../sessions';
import { MAX_MESSAGE_SIZE } from '../wire';

const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * The server the compose file runs (`mongo:8.0`): the same version in buildInfo, its wire version in hello
 * (25 is MongoDB 8.0) and its featureCompatibilityVersion, so version checks see what production has.
 */
/** buildInfo's gitVersion: how a test tells this server from a real mongod behind any URL. */
export const TEST_SERVER_GIT_VERSION = 'yinling-test-server';

const VERSION = { version: '8.0.21', versionArray: [8, 0, 21, 0], wire: 25, fcv: '8.0' } as const;

/** A one-member replica set, so the driver allows sessions, transactions and retryable writes. */
const hello: CommandHandler = (ctx) => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  secondary: false,
  setName: ctx.setName,
  setVersion: 1,
  electionId: ELECTION_ID,
  hosts: [ctx.address],
  primary: ctx.address,
  me: ctx.address,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: MAX_MESSAGE_SIZE,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: ctx.connectionId,
  minWireVersion: 0,
  maxWireVersion: VERSION.wire,
  readOnly: false,
  ok: 1,
});

const buildInfo: CommandHandler = () => ({
  version: VERSION.version,
  versionArray: [...VERSION.versionArray],
  gitVersion: TEST_SERVER_GIT_VERSION,
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['memory'],
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

const getParameter: CommandHandler = (ctx) => {
  const known: Document = {
    featureCompatibilityVersion: { version: VERSION.fcv },
    transactionLifetimeLimitSeconds: 60,
  };
  const wanted = Object.keys(ctx.command).filter((k) => k in known);
  return { ...Object.fromEntries(wanted.map((k) => [k, known[k]])), ok: 1 };
};

const listDatabases: CommandHandler = (ctx) => {
  const databases = ctx.storage.databases().map((name) => ({ name, sizeOnDisk: 0, empty: false }));
  return ctx.command.nameOnly
    ? { databases: databases.map(({ name }) => ({ name })), ok: 1 }
    : { databases, totalSize: 0, ok: 1 };
};

const endSessions: CommandHandler = (ctx) => {
  ctx.sessions.end((ctx.command.endSessions ?? []) as Document[]);
  return { ok: 1 };
};

const commitTransaction: CommandHandler = (ctx) => {
  const txn = ctx.sessions.current(ctx.command);
  if (!txn || txn.state === 'aborted') throw noSuchTransaction(ctx.command.txnNumber);
  txn.state = 'committed';
  txn.undo = [];
  return { ok: 1 };
};

const abortTransaction: CommandHandler = (ctx) => {
  const txn = ctx.sessions.current(ctx.command);
  if (!txn) throw noSuchTransaction(ctx.command.txnNumber);
  if (txn.state === 'committed') {
    throw new CommandError(256, 'TransactionCommitted', 'Transaction has been committed');
  }
  if (txn.state === 'active') rollback(txn);
  return { ok: 1 };
};

export const adminCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  listDatabases,
  endSessions,
  killAllSessions: ok,
  killSessions: ok,
  refreshSessions: ok,
  startSession: ok,
  commitTransaction,
  abortTransaction,
  whatsmyuri: ok,
  getCmdLineOpts: () => ({ argv: [], parsed: {}, ok: 1 }),
  serverStatus: () => ({ ok: 1, uptime: Math.floor(process.uptime()) }),
};
