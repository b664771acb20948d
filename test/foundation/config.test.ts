import { ConfigError, loadConfig } from '../../src/lib/config';
import { redactUrl, requestSummary } from '../../src/lib/logger';

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

describe('request logs', () => {
  test('when a URL carries an emailed token, then the logged URL does not', () => {
    expect(redactUrl('/offers/respond?token=abc.def&x=1')).toBe('/offers/respond?token=[redacted]&x=1');
    expect(redactUrl('/lang?to=en&next=%2Foffers%2Frespond%3Ftoken%3Dabc')).toBe(
      '/lang?to=en&next=[redacted]',
    );
    expect(requestSummary({ id: 'r1', method: 'GET', url: '/reset-password?token=s3cret' })).toEqual({
      id: 'r1',
      method: 'GET',
      url: '/reset-password?token=[redacted]',
      remoteAddress: undefined,
    });
  });
});
