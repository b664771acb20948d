import { randomBytes } from 'node:crypto';
import { ConfigError, estimatedSecretBits, loadConfig } from '../../src/lib/config';
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

describe('production secrets', () => {
  const hex = () => randomBytes(32).toString('hex');
  const production = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'production', SESSION_SECRET: hex(), LINK_SECRET: hex(), ...env });
  const refusal = (env: Record<string, string>): string => {
    try {
      production(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('the configuration was accepted');
  };

  test('when secrets come from `openssl rand -hex 32` or base64url, then production accepts them', () => {
    expect(production({}).auth.sessionSecret).toHaveLength(64);
    const b64 = randomBytes(32).toString('base64url');
    expect(production({ SESSION_SECRET: b64, METRICS_TOKEN: hex() }).auth.sessionSecret).toBe(b64);
  });

  test('when a secret is a placeholder, then production refuses it naming the variable', () => {
    // the value docker-compose.yml used to ship
    const compose = refusal({ SESSION_SECRET: 'change-me-session-secret-0123456789abcdef' });
    expect(compose).toMatch(/SESSION_SECRET: contains "change-me", a placeholder/);
    expect(compose).not.toMatch(/LINK_SECRET/);
    for (const value of [
      'CHANGEME0123456789abcdefghijklmnopqrstu',
      'x7Qp-placeholder-Zr84-kLm2-nB5v-wT9e-4',
    ]) {
      expect(refusal({ LINK_SECRET: value })).toMatch(/LINK_SECRET: contains "(changeme|placeholder)"/);
    }
    expect(refusal({ METRICS_TOKEN: 'an-example-token-9f8e7d6c5b4a3210zyxw' })).toMatch(
      /METRICS_TOKEN: contains "example"/,
    );
  });

  test('when a secret is the development default, then production refuses it', () => {
    const defaults = loadConfig({ NODE_ENV: 'development' });
    const message = refusal({
      SESSION_SECRET: defaults.auth.sessionSecret,
      LINK_SECRET: defaults.links.secret,
    });
    expect(message).toMatch(/SESSION_SECRET: is a development default/);
    expect(message).toMatch(/LINK_SECRET: is a development default/);
  });

  test('when a secret has few distinct characters or under 128 bits, then production refuses it with the rule', () => {
    const repeated = refusal({ SESSION_SECRET: 'abcd'.repeat(10) });
    expect(repeated).toContain('SESSION_SECRET: too weak for production: 4 distinct characters');
    expect(repeated).toContain('10+ distinct characters and 128+ bits');
    expect(repeated).toContain('openssl rand -hex 32');
    // 32 decimal digits: all ten digits, but 32 × log2(10) ≈ 106 bits
    expect(refusal({ LINK_SECRET: '01234567899876543210012345678998' })).toMatch(
      /LINK_SECRET: too weak for production: 10 distinct characters and about 106 bits/,
    );
  });

  test('when secrets are missing or weak together, then one message names each variable', () => {
    expect.assertions(4);
    try {
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toMatch(/SESSION_SECRET: too weak/);
      expect(message).toMatch(/LINK_SECRET: required in production/);
      expect(message).not.toMatch(/METRICS_TOKEN/);
    }
  });

  test('when not in production, then development values are accepted as before', () => {
    const config = loadConfig({ SESSION_SECRET: 'change-me-session-secret-0123456789abcdef' });
    expect(config.auth.sessionSecret).toMatch(/^change-me/);
  });

  test('when the bits are estimated, then the alphabet is that of decimal or hex digits, or else of the classes used', () => {
    expect(estimatedSecretBits('0123456789abcdef'.repeat(2))).toBe(128);
    expect(estimatedSecretBits('9'.repeat(10))).toBe(Math.floor(10 * Math.log2(10)));
    expect(estimatedSecretBits('g'.repeat(10))).toBe(Math.floor(10 * Math.log2(26)));
    expect(estimatedSecretBits('aA1-'.repeat(8))).toBe(Math.floor(32 * Math.log2(95)));
  });
});

describe('metrics token', () => {
  test('when METRICS_TOKEN is shorter than 32 characters, then the configuration is refused naming it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: at least 32 characters/);
  });

  test('when METRICS_TOKEN is unset or set, then the configuration carries it', () => {
    expect(loadConfig({}).metrics.token).toBeUndefined();
    // docker-compose.yml passes `${METRICS_TOKEN:-}`: empty when .env leaves it out
    expect(loadConfig({ METRICS_TOKEN: '' }).metrics.token).toBeUndefined();
    const token = randomBytes(24).toString('base64url');
    expect(loadConfig({ METRICS_TOKEN: token }).metrics.token).toBe(token);
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
