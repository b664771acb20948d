import { createLogger } from '../../src/lib/logger';
import { registerShutdown } from '../../src/lib/shutdown';

const logger = createLogger('silent');

describe('the shutdown routine', () => {
  test('when it runs, then every step runs in order, once, and the process exits 0', async () => {
    const order: string[] = [];
    const exit = jest.fn();
    const stop = registerShutdown(
      [
        { name: 'http', run: async () => void order.push('http') },
        { name: 'workers', run: () => void order.push('workers') },
        { name: 'mongo', run: async () => void order.push('mongo') },
      ],
      { logger, timeoutMs: 1_000, exit },
    );
    await Promise.all([stop(), stop()]);
    expect(order).toEqual(['http', 'workers', 'mongo']);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  test('when a step fails, then the later steps still run and the exit code is 1', async () => {
    const later = jest.fn();
    const exit = jest.fn();
    const stop = registerShutdown(
      [
        { name: 'http', run: () => Promise.reject(new Error('boom')) },
        { name: 'mongo', run: later },
      ],
      { logger, timeoutMs: 1_000, exit },
    );
    await stop();
    expect(later).toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(1);
  });

  test('when a step hangs, then the timer forces exit 1', async () => {
    const exit = jest.fn();
    const stop = registerShutdown([{ name: 'stuck', run: () => new Promise(() => {}) }], {
      logger,
      timeoutMs: 50,
      exit,
    });
    void stop();
    await new Promise((r) => setTimeout(r, 150));
    expect(exit).toHaveBeenCalledWith(1);
  });
});
