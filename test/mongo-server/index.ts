import { createServer, type Socket } from 'node:net';
import type { ServerState } from './context';
import { Cursors } from './cursors';
import { dispatch } from './dispatch';
import { Sessions } from './sessions';
import { Storage } from './storage';
import { encodeReply, parseFrame, splitFrames } from './wire';

export interface MongoTestServerOptions {
  port?: number;
  host?: string;
  /** Replica set name announced in `hello` and the URL. */
  setName?: string;
}

export interface MongoTestServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

let connectionCounter = 0;

/** Starts the in-memory MongoDB wire-compatible server for tests and `npm run dev`. */
export async function startMongoTestServer(opts: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const host = opts.host ?? '127.0.0.1';
  const setName = opts.setName ?? 'rs0';
  const sockets = new Set<Socket>();
  const state: ServerState = {
    storage: new Storage(),
    cursors: new Cursors(),
    sessions: new Sessions(),
    address: '',
    setName,
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serveConnection(socket, state, ++connectionCounter);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  state.address = `${host}:${port}`;

  return {
    url: `mongodb://${state.address}/?replicaSet=${setName}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        state.sessions.endAll();
        server.close(() => resolve());
      }),
  };
}

function serveConnection(socket: Socket, state: ServerState, connectionId: number): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    try {
      const { frames, rest } = splitFrames(pending.length ? Buffer.concat([pending, chunk]) : chunk);
      pending = Buffer.from(rest);
      for (const frame of frames) {
        const request = parseFrame(frame);
        const reply = dispatch(state, request.db, request.command, connectionId);
        if (!request.moreToCome) socket.write(encodeReply(request, reply));
      }
    } catch (err) {
      console.error('mongo test server: dropping connection:', err);
      socket.destroy();
    }
  });
}
