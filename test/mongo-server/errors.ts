import type { Document } from 'bson';

/** An error answered to the client as `{ ok: 0, errmsg, code, codeName }` (or as a write error). */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

export const badValue = (message: string) => new CommandError(2, 'BadValue', message);
export const nsNotFound = (message = 'ns not found') => new CommandError(26, 'NamespaceNotFound', message);
export const commandNotFound = (name: string) =>
  new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);

/** Maps anything thrown while running a command (including mingo's errors) to a CommandError. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes('immutable field')) return new CommandError(66, 'ImmutableField', message);
  // mingo rejects bad queries and updates with MingoError; anything else is a bug of this server.
  if (err instanceof Error && err.constructor.name !== 'MingoError') {
    return new CommandError(1, 'InternalError', `test server: ${err.stack ?? message}`);
  }
  return new CommandError(2, 'BadValue', message);
}
