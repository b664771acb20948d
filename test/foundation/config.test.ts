import { ConfigError, loadConfig } from '../../src/lib/config';

describe('configuration', () => {
  test('when the environment is empty, then embedded defaults apply and the object is frozen', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.mongo.dbName).toBe('yinling');
    expect(config.queue.lockDurationMs).toBe(30_000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.queue)).toBe(true);
  });

  test('when values are wrong, then one readable error names every variable at fault', () => {
    expect.assertions(4);
    try {
      loadConfig({ PORT: 'eighty', MONGO_URL: 'postgres://x', QUEUE_LOCK_DURATION_MS: '-5' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('MONGO_URL');
      expect(message).toContain('QUEUE_LOCK_DURATION_MS');
    }
  });

  test('when timings are given in the environment, then the queue uses them', () => {
    const config = loadConfig({ QUEUE_LOCK_DURATION_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '1000' });
    expect(config.queue).toMatchObject({ lockDurationMs: 2000, stalledIntervalMs: 1000 });
  });
});
