import type { Redis } from 'ioredis';
import mongoose, { model, Schema } from 'mongoose';
import { announceWrites, ChangeTokenCache, ChangeTokens } from '../../src/lib/change-tokens';
import { connectMongo } from '../../src/lib/db';
import { createRedis, waitForRedis } from '../../src/lib/redis';
import { withTransaction } from '../../src/lib/transaction';
import { testConfig, uniqueName } from '../support/app';

let redis: Redis;
beforeAll(async () => {
  const config = testConfig();
  await connectMongo(config);
  redis = createRedis(config, 'producer');
  await waitForRedis(redis, 5_000);
});
afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
  redis.disconnect();
});

const probeSchema = new Schema({ n: Number });
announceWrites(probeSchema, 'needs');
const Probe = model('ChangeTokenProbe', probeSchema);

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** A process's tokens under a prefix of their own, hearing the models' writes until the test ends. */
function listening(): ChangeTokens {
  const tokens = new ChangeTokens(redis, `${uniqueName('chg')}:`);
  stops.push(tokens.listen());
  return tokens;
}

describe('change tokens', () => {
  test('when a topic has no token yet, then the first read says so and the next finds the one it drew', async () => {
    const tokens = new ChangeTokens(redis, `${uniqueName('chg')}:`);
    expect(await tokens.read('needs')).toBeUndefined();
    const drawn = await tokens.read('needs');
    expect(drawn).toEqual(expect.any(String));
    expect(await tokens.read('needs')).toBe(drawn);
    await tokens.move('needs');
    expect(await tokens.read('needs')).not.toBe(drawn);
    expect(await tokens.read('accounts')).toBeUndefined(); // each topic its own
  });

  test('when a version of several topics is read, then it stands until any of them moves, and is missing while any token is', async () => {
    const tokens = new ChangeTokens(redis, `${uniqueName('chg')}:`);
    await tokens.read('needs');
    expect(await tokens.version(['needs', 'organisations'])).toBeUndefined(); // organisations had none
    const version = await tokens.version(['needs', 'organisations']);
    expect(version).toEqual(expect.any(String));
    expect(await tokens.version(['needs', 'organisations'])).toBe(version);
    await tokens.move('organisations');
    const moved = await tokens.version(['needs', 'organisations']);
    expect(moved).not.toBe(version);
    await tokens.move('needs');
    expect(await tokens.version(['needs', 'organisations'])).not.toBe(moved);
  });

  test('when a write through the model commits in a transaction, then every listening process’s token moves after the commit', async () => {
    const a = listening();
    const b = listening();
    await a.read('needs');
    await b.read('needs');
    const [beforeA, beforeB] = [await a.read('needs'), await b.read('needs')];
    let inside: string | undefined;
    await withTransaction(async (session) => {
      await Probe.create([{ n: 1 }], { session });
      await Probe.updateOne({ n: 1 }, { $set: { n: 2 } }, { session });
      inside = await a.read('needs');
    });
    expect(inside).toBe(beforeA);
    expect(await a.read('needs')).not.toBe(beforeA);
    expect(await b.read('needs')).not.toBe(beforeB);
  });

  test('when a transaction aborts, or the process stopped listening, then the token stands', async () => {
    const tokens = new ChangeTokens(redis, `${uniqueName('chg')}:`);
    const stop = tokens.listen();
    await tokens.read('needs');
    const before = await tokens.read('needs');
    await expect(
      withTransaction(async (session) => {
        await Probe.updateOne({}, { $set: { n: 3 } }, { session });
        throw new Error('the step fails');
      }),
    ).rejects.toThrow('the step fails');
    expect(await tokens.read('needs')).toBe(before);
    stop();
    await Probe.deleteMany({});
    expect(await tokens.read('needs')).toBe(before);
  });

  test('when Redis cannot be reached, then a read has no token and a move is a warning, not an error', async () => {
    const down = createRedis({ redis: { url: 'redis://127.0.0.1:1' } }, 'producer');
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const tokens = new ChangeTokens(down, 'chg:');
      expect(await tokens.read('accounts')).toBeUndefined();
      await tokens.move('accounts');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('accounts change token did not move'));
    } finally {
      warn.mockRestore();
      down.disconnect();
    }
  });
});

describe('a value kept under a change token', () => {
  function counted(tokens: ChangeTokens, clock?: { now(): number }) {
    let loads = 0;
    const cache = new ChangeTokenCache(
      tokens,
      'needs',
      async (key) => {
        loads += 1;
        return `${key}#${loads}`;
      },
      { max: 10, maxAgeMs: 1_000, clock },
    );
    return { cache, loads: () => loads };
  }

  test('when the token stands, then the value is loaded once; when it moves, then once more', async () => {
    const tokens = new ChangeTokens(redis, `${uniqueName('chg')}:`);
    const { cache, loads } = counted(tokens);
    expect(await cache.get('a')).toBe('a#1'); // no token yet: loaded, not kept
    expect(await cache.get('a')).toBe('a#2');
    expect(await cache.get('a')).toBe('a#2');
    expect(loads()).toBe(2);
    await tokens.move('needs');
    expect(await cache.get('a')).toBe('a#3');
    expect(await cache.get('a')).toBe('a#3');
  });

  test('when a kept value passes its age, then it is loaded again though the token stands', async () => {
    const tokens = new ChangeTokens(redis, `${uniqueName('chg')}:`);
    await tokens.read('needs');
    let now = 5_000;
    const { cache, loads } = counted(tokens, { now: () => now });
    await cache.get('a');
    now = 5_999;
    await cache.get('a');
    expect(loads()).toBe(1);
    now = 6_001;
    await cache.get('a');
    expect(loads()).toBe(2);
  });
});
