import { cachedReadiness, type Readiness } from '../../src/modules/health/readiness';

/** /ready's answers over time, with a clock and checks the test controls. */
const UP: Readiness = { ready: true, checks: { mongo: 'up', redis: 'up' } };
const REDIS_DOWN: Readiness = { ready: false, checks: { mongo: 'up', redis: 'down' } };

function setup(cacheMs = 1_000) {
  let clock = 0;
  const pending: ((r: Readiness) => void)[] = [];
  const check = jest.fn(() => new Promise<Readiness>((resolve) => pending.push(resolve)));
  const probe = cachedReadiness(check, cacheMs, () => clock);
  return {
    probe,
    check,
    /** Ends the oldest running check with this result. */
    finish: async (r: Readiness) => {
      (pending.shift() as (r: Readiness) => void)(r);
      await Promise.resolve();
    },
    at: (ms: number) => {
      clock = ms;
    },
  };
}

/** Set up with one check done (everything up) at time 0. */
async function checkedOnce() {
  const s = setup();
  const first = s.probe();
  await s.finish(UP);
  await first;
  return s;
}

test('when nothing was checked yet, then probes wait for one check and share it', async () => {
  const s = setup();
  const a = s.probe();
  const b = s.probe();
  expect(s.check).toHaveBeenCalledTimes(1);
  await s.finish(UP);
  await expect(Promise.all([a, b])).resolves.toEqual([UP, UP]);
});

test('when the last check is young, then probes are answered from it without a new check', async () => {
  const s = await checkedOnce();
  s.at(999);
  await expect(s.probe()).resolves.toEqual(UP);
  expect(s.check).toHaveBeenCalledTimes(1);
});

test('when the last check is older, then the probe gets it at once and a new check runs behind it', async () => {
  const s = await checkedOnce();
  s.at(1_500);
  await expect(s.probe()).resolves.toEqual(UP);
  await expect(s.probe()).resolves.toEqual(UP);
  expect(s.check).toHaveBeenCalledTimes(2);
  // Redis went down: the check behind the probes says so, and the next probe answers it.
  await s.finish(REDIS_DOWN);
  await expect(s.probe()).resolves.toEqual(REDIS_DOWN);
});

test('when the last check is too old to answer, then the probe waits for a new one', async () => {
  const s = await checkedOnce();
  s.at(5_000);
  let answered: Readiness | undefined;
  const late = s.probe().then((r) => {
    answered = r;
  });
  await Promise.resolve();
  expect(answered).toBeUndefined();
  await s.finish(REDIS_DOWN);
  await late;
  expect(answered).toEqual(REDIS_DOWN);
});

test('when the cache is off, then every probe checks', async () => {
  const s = setup(0);
  const a = s.probe();
  const b = s.probe();
  expect(s.check).toHaveBeenCalledTimes(2);
  await s.finish(UP);
  await s.finish(UP);
  await Promise.all([a, b]);
});
