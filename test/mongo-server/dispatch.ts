import { Binary, type Document, Long, Timestamp } from 'bson';
import { adminCommands } from './commands/admin';
import { ddlCommands } from './commands/ddl';
import { findAndModifyCommands } from './commands/find-and-modify';
import { readCommands } from './commands/read';
import { writeCommands } from './commands/write';
import type { CommandContext, CommandHandler, ServerState } from './context';
import { commandNotFound, toCommandError } from './errors';

const handlers: Record<string, CommandHandler> = {
  ...adminCommands,
  ...ddlCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
};

const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
const TXN_CONTROL = new Set(['commitTransaction', 'abortTransaction']);
const SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };

let lastTime = { t: 0, i: 0 };

function clusterTime(): Timestamp {
  const t = Math.floor(Date.now() / 1000);
  lastTime = t > lastTime.t ? { t, i: 1 } : { t: lastTime.t, i: lastTime.i + 1 };
  return new Timestamp(lastTime);
}

/** Runs one command to completion, synchronously, and returns its reply (errors included). */
export function dispatch(state: ServerState, db: string, command: Document, connectionId: number): Document {
  const name = Object.keys(command)[0] ?? '';
  const ctx: CommandContext = { ...state, db, command, connectionId };
  let reply: Document;
  try {
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw commandNotFound(name);
    reply = run(ctx, name, handler);
  } catch (err) {
    reply = toCommandError(err).toReply();
  }
  const time = clusterTime();
  return { ...reply, $clusterTime: { clusterTime: time, signature: SIGNATURE }, operationTime: time };
}

function run(ctx: CommandContext, name: string, handler: CommandHandler): Document {
  const { command } = ctx;
  const inTransaction = command.lsid && command.autocommit === false && command.txnNumber !== undefined;
  if (inTransaction && !TXN_CONTROL.has(name)) ctx.txn = ctx.sessions.transactionFor(command);
  const retryable = !inTransaction && command.lsid && command.txnNumber !== undefined && RETRYABLE.has(name);
  if (!retryable) return handler(ctx);
  const remembered = ctx.sessions.rememberedRetry(command);
  if (remembered) return remembered;
  const reply = handler(ctx);
  if (reply.ok) ctx.sessions.rememberRetry(command, reply);
  return reply;
}
