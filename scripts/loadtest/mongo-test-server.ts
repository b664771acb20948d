import { startMongoTestServer } from '../../test/mongo-server';

/**
 * The project's in-memory MongoDB test server as a process of its own, for the load test when no
 * mongod is at hand: `node --import tsx scripts/loadtest/mongo-test-server.ts [port]` prints its URL as
 * one JSON line ({"url": …}) once it listens, and stops on SIGTERM/SIGINT. Data lives in its memory only.
 */
async function main(): Promise<void> {
  const port = process.argv[2] ? Number(process.argv[2]) : 0;
  const server = await startMongoTestServer({ port });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = () => {
    server.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Stops with the load test even when that one is killed outright (its pipe to us closes).
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
