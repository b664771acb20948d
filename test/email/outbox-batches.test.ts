import { coalesced } from '../../src/modules/email/outbox-batches';

test('when calls arrive together or while a round trip is on its way, then they go out in few batches and each gets its own result', async () => {
  const batches: number[][] = [];
  const double = coalesced(async (keys: number[]) => {
    batches.push(keys);
    await new Promise((r) => setTimeout(r, 5));
    return keys.map((k) => k * 2);
  }, 3);

  const first = [1, 2].map(double);
  await new Promise((r) => setImmediate(r)); // the first batch is on its way
  const later = [3, 4, 5, 6].map(double);

  expect(await Promise.all([...first, ...later])).toEqual([2, 4, 6, 8, 10, 12]);
  expect(batches).toEqual([[1, 2], [3, 4, 5], [6]]);
});

test('when a batch fails, then only its callers get the error and the next batch still runs', async () => {
  const run = coalesced(async (keys: string[]) => {
    if (keys.includes('bad')) throw new Error('write failed');
    return keys;
  });
  const failed = [run('bad'), run('x')];
  await expect(Promise.all(failed)).rejects.toThrow('write failed');
  await expect(failed[1]).rejects.toThrow('write failed');
  await expect(run('y')).resolves.toBe('y');
});
