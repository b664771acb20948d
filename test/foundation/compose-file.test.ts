import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadConfig } from '../../src/lib/config';

/**
 * The compose route cannot run here (no Docker engine): this checks docker-compose.yml against the part of
 * the Compose file format it uses, then what it must do — pinned images, a healthcheck of the worker's own,
 * and secrets read from `.env`, never written in the file.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const healthcheck = z
  .object({
    test: z.union([z.string(), z.array(z.string()).min(2)]),
    interval: z.string().optional(),
    timeout: z.string().optional(),
    start_period: z.string().optional(),
    retries: z.number().int().positive().optional(),
  })
  .strict();

const service = z
  .object({
    image: z.string().optional(),
    build: z.union([z.string(), z.object({ context: z.string() }).passthrough()]).optional(),
    command: z.union([z.string(), z.array(z.string())]).optional(),
    environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    ports: z.array(z.string()).optional(),
    volumes: z.array(z.string()).optional(),
    healthcheck: healthcheck.optional(),
    depends_on: z
      .record(z.string(), z.object({ condition: z.enum(['service_started', 'service_healthy']) }).strict())
      .optional(),
    restart: z.enum(['no', 'always', 'on-failure', 'unless-stopped']).optional(),
    stop_grace_period: z.string().optional(),
  })
  .strict()
  .refine((s) => (s.image === undefined) !== (s.build === undefined), 'a service has either image or build');

const composeFile = z
  .object({
    name: z.string(),
    services: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), service),
    volumes: z.record(z.string(), z.null()).optional(),
  })
  .catchall(z.unknown()); // x- extension fields (the shared environment)

const parsed = composeFile.safeParse(parse(read('docker-compose.yml')));
const services = parsed.success ? parsed.data.services : {};

/** name:tag with a full x.y.z version in the tag (a `v` prefix or a `-variant` suffix allowed). */
const PINNED = /^[\w./-]+:v?\d+\.\d+\.\d+(-[\w.]+)?$/;

describe('docker-compose.yml', () => {
  test('when it is parsed, then it has the shape Compose accepts', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['mongo', 'redis', 'mailpit', 'proxy', 'api', 'worker']),
    );
  });

  test('when images are pulled, then each is pinned to a patch version, never latest', () => {
    const images = Object.values(services).flatMap((s) => (s.image ? [s.image] : []));
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) {
      expect(image).toMatch(PINNED);
      expect(image).not.toMatch(/latest/);
    }
  });

  test('when the image is built, then the Dockerfile starts from a pinned Node version', () => {
    const bases = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:\d+\.\d+\.\d+-[\w-]+$/);
  });

  test('when the worker runs, then it has a healthcheck of its own on the built heartbeat script', () => {
    const worker = services.worker;
    expect(worker?.healthcheck?.test).toEqual(['CMD', 'node', 'dist/workers/healthcheck.js']);
    expect(worker?.command).toEqual(['node', 'dist/workers/main.js']);
    // the build compiles workers/ into dist/workers/ (tsconfig.build.json)
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    expect(build.include).toContain('workers');
    expect(read('workers/healthcheck.ts')).toContain('checkHeartbeat');
  });

  test('when users connect, then they reach the API through the proxy, which runs the checked-in config', () => {
    const { proxy, api } = services;
    expect(proxy?.ports).toEqual(['3000:3000']);
    expect(proxy?.volumes).toContain('./scripts/proxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(proxy?.depends_on?.api).toEqual({ condition: 'service_healthy' });
    // The API is not published: nothing bypasses the proxy's queue. Client addresses come from it.
    expect(api?.ports).toBeUndefined();
    expect(api?.environment?.TRUST_PROXY).toBe('true');
    const config = read('scripts/proxy/haproxy.cfg');
    expect(config).toMatch(/^\s*bind :3000$/m);
    // Every backend sends to the api service's port; the queued ones answer their own 503 with Retry-After.
    const backends = config.split(/^backend /m).slice(1);
    expect(backends.map((b) => b.split('\n')[0])).toEqual(['unqueued', 'api', 'pages']);
    for (const backend of backends) expect(backend).toMatch(/^\s*server \S+ api:3000\b/m);
    for (const backend of backends.slice(1)) {
      expect(backend).toMatch(/^\s*server \S+ api:3000 maxconn \d+$/m);
      expect(backend).toMatch(/^\s*http-error status 503 .*hdr Retry-After \d+/m);
    }
  });

  test('when the service stops, then Docker waits longer than the processes’ own shutdown timer', () => {
    const shutdownMs = loadConfig({}).shutdownTimeoutMs;
    for (const name of ['api', 'worker']) {
      const grace = /^(\d+)s$/.exec(services[name]?.stop_grace_period ?? '10s');
      expect(Number(grace?.[1]) * 1000).toBeGreaterThan(shutdownMs);
    }
  });

  test('when secrets are needed, then they come from .env and no value is written in the file', () => {
    const secrets = ['SESSION_SECRET', 'LINK_SECRET', 'METRICS_TOKEN'];
    for (const s of Object.values(services)) {
      for (const name of secrets) {
        const value = s.environment?.[name];
        if (value === undefined) continue;
        // ${NAME:?message} (compose refuses to start without it) or, for the optional one, ${NAME:-}
        expect(String(value)).toMatch(new RegExp(`^\\$\\{${name}(:\\?[^}]+|:-)\\}$`));
      }
    }
    expect(services.api?.environment?.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
    expect(services.api?.environment?.LINK_SECRET).toMatch(/^\$\{LINK_SECRET:\?/);
    // no key that names a secret holds a literal, whatever service or anchor it is in
    expect(read('docker-compose.yml')).not.toMatch(/^\s*[\w-]*(SECRET|TOKEN|PASSWORD)[\w-]*:\s*[^$\s]/im);
    expect(read('docker-compose.yml')).not.toMatch(/change-?me/i);
  });

  test('when .env holds the secrets, then git ignores it and .env.example names each with an empty value', () => {
    expect(read('.gitignore').split('\n')).toContain('.env');
    const example = read('.env.example');
    for (const name of ['SESSION_SECRET', 'LINK_SECRET', 'METRICS_TOKEN']) {
      expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
    }
    expect(read('README.md')).toMatch(
      /openssl rand -hex 32[^\n]*>\s*\.env|>\s*\.env[^\n]*openssl rand -hex 32/s,
    );
  });
});
