import mongoose, { type ClientSession } from 'mongoose';
import { connectMongo } from '../../src/lib/db';
import {
  afterCommit,
  hasErrorLabel,
  TRANSIENT_TRANSACTION_ERROR,
  UNKNOWN_TRANSACTION_COMMIT_RESULT,
  withTransaction,
} from '../../src/lib/transaction';
import { testConfig } from '../support/app';

beforeAll(async () => {
  await connectMongo(testConfig());
});
afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
});

const probes = () => mongoose.connection.collection<{ step: string; n: number }>('transaction_probes');

/** An error as the driver labels one (only its label matters to the helper). */
function labelled(label: string, message = label): Error {
  return Object.assign(new Error(message), { errorLabels: [label] });
}

/** Two writes, then whatever `fault` does on this attempt. */
async function twoWrites(session: ClientSession, step: string, fault: () => void) {
  await probes().insertOne({ step, n: 1 }, { session });
  await probes().insertOne({ step, n: 2 }, { session });
  fault();
  return 'done';
}

describe('withTransaction', () => {
  test('when the first attempt fails with a TransientTransactionError, then it runs again and exactly one set of writes is committed', async () => {
    let attempts = 0;
    const result = await withTransaction((session) =>
      twoWrites(session, 'transient-once', () => {
        attempts += 1;
        if (attempts === 1) throw labelled(TRANSIENT_TRANSACTION_ERROR);
      }),
    );
    expect(result).toBe('done');
    expect(attempts).toBe(2);
    const written = await probes().find({ step: 'transient-once' }).toArray();
    expect(written.map((d) => d.n).sort()).toEqual([1, 2]);
  });

  test('when the error carries no label, then it is thrown after one attempt and nothing is written', async () => {
    let attempts = 0;
    await expect(
      withTransaction((session) =>
        twoWrites(session, 'plain', () => {
          attempts += 1;
          throw new Error('not transient');
        }),
      ),
    ).rejects.toThrow('not transient');
    expect(attempts).toBe(1);
    expect(await probes().countDocuments({ step: 'plain' })).toBe(0);
  });

  test('when every attempt is transient, then it gives up after maxAttempts with that error and nothing is written', async () => {
    let attempts = 0;
    const failure = withTransaction(
      (session) =>
        twoWrites(session, 'always-transient', () => {
          attempts += 1;
          throw labelled(TRANSIENT_TRANSACTION_ERROR, `attempt ${attempts}`);
        }),
      { maxAttempts: 3, backoffMs: 1 },
    );
    await expect(failure).rejects.toThrow('attempt 3');
    expect(attempts).toBe(3);
    expect(await probes().countDocuments({ step: 'always-transient' })).toBe(0);
  });

  test('when the commit result is unknown, then the commit alone is retried, not the callback', async () => {
    // This test's own session reports an unknown commit result once, as after a lost connection.
    const session = await mongoose.connection.startSession();
    const commit = session.commitTransaction.bind(session);
    let commits = 0;
    session.commitTransaction = async () => {
      commits += 1;
      if (commits === 1) throw labelled(UNKNOWN_TRANSACTION_COMMIT_RESULT);
      return commit();
    };
    let runs = 0;
    await withTransaction(
      async (s) => {
        runs += 1;
        await probes().insertOne({ step: 'unknown-commit', n: runs }, { session: s });
      },
      { connection: { startSession: async () => session }, backoffMs: 1 },
    );
    expect({ runs, commits }).toEqual({ runs: 1, commits: 2 });
    expect(await probes().countDocuments({ step: 'unknown-commit' })).toBe(1);
  });

  test('hasErrorLabel reads the driver’s method or a plain errorLabels list', () => {
    expect(hasErrorLabel(labelled(TRANSIENT_TRANSACTION_ERROR), TRANSIENT_TRANSACTION_ERROR)).toBe(true);
    const driverLike = { hasErrorLabel: (l: string) => l === UNKNOWN_TRANSACTION_COMMIT_RESULT };
    expect(hasErrorLabel(driverLike, UNKNOWN_TRANSACTION_COMMIT_RESULT)).toBe(true);
    expect(hasErrorLabel(new Error('x'), TRANSIENT_TRANSACTION_ERROR)).toBe(false);
    expect(hasErrorLabel(undefined, TRANSIENT_TRANSACTION_ERROR)).toBe(false);
  });
});

describe('afterCommit', () => {
  test('when a step registers work after its commit, then it runs once per key, after the commit and before withTransaction returns', async () => {
    const seen: string[] = [];
    let attempts = 0;
    await withTransaction(
      async (session) => {
        attempts += 1;
        await probes().insertOne({ step: 'after-commit', n: attempts }, { session });
        const note = async () => {
          // committed by now: a read outside the transaction finds the write
          seen.push(`${attempts}:${await probes().countDocuments({ step: 'after-commit' })}`);
        };
        await afterCommit(session, 'note', note);
        await afterCommit(session, 'note', note);
        // the first attempt's registration is dropped with it
        if (attempts === 1) throw labelled(TRANSIENT_TRANSACTION_ERROR);
        expect(seen).toEqual([]);
      },
      { backoffMs: 1 },
    );
    expect(seen).toEqual(['2:1']);
  });

  test('when the step fails, then the registered work does not run; without a transaction it runs at once', async () => {
    const ran: string[] = [];
    const failure = withTransaction(async (session) => {
      await afterCommit(session, 'x', async () => void ran.push('aborted'));
      throw new Error('no');
    });
    await expect(failure).rejects.toThrow('no');
    await afterCommit(undefined, 'x', async () => void ran.push('no session'));
    expect(ran).toEqual(['no session']);
  });

  test('when a transaction was opened outside withTransaction, then the work runs once its session ends', async () => {
    const session = await mongoose.connection.startSession();
    const ran: string[] = [];
    session.startTransaction();
    await probes().insertOne({ step: 'outside', n: 1 }, { session });
    await afterCommit(session, 'x', async () => void ran.push('ended'));
    await session.commitTransaction();
    expect(ran).toEqual([]);
    await session.endSession();
    expect(ran).toEqual(['ended']);
  });
});
