import { type LocalStack, mongoServerKindAt, startLocalStack } from './local-stack';

declare global {
  var __YINLING_STACK__: LocalStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  const stack = await startLocalStack({ log: (line) => console.log(`\n[test harness] ${line}`) });
  globalThis.__YINLING_STACK__ = stack;
  // Jest workers inherit the parent's environment: this is how tests find the services.
  process.env.REDIS_URL = stack.redisUrl;
  process.env.MONGO_URL = stack.mongoUrl;
  process.env.YINLING_MONGO_BACKEND = stack.mongoBackend;
  // What really answers (MONGO_URL may be either): tests that need mongod's planner skip on the test server.
  process.env.YINLING_MONGO_SERVER = await mongoServerKindAt(stack.mongoUrl);
}
