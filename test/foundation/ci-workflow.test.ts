import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The hosted CI workflow cannot run here (no Docker engine, no GitHub): this checks it against the part of
 * GitHub's workflow syntax it uses (no npm package ships that JSON schema), then what it must do.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const env = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), scalar);

const step = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    uses: z.string().optional(),
    with: z.record(z.string(), scalar).optional(),
    run: z.string().optional(),
    shell: z.string().optional(),
    'working-directory': z.string().optional(),
    env: env.optional(),
    'continue-on-error': z.union([z.boolean(), z.string()]).optional(),
    'timeout-minutes': z.number().optional(),
  })
  .strict()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'a step has either uses or run');

const service = z
  .object({
    image: z.string().min(1),
    env: env.optional(),
    ports: z.array(z.union([z.string().regex(/^\d+(:\d+)?$/), z.number()])).optional(),
    volumes: z.array(z.string()).optional(),
    options: z.string().optional(),
    credentials: z.object({ username: z.string(), password: z.string() }).strict().optional(),
  })
  .strict();

const job = z
  .object({
    name: z.string().optional(),
    'runs-on': z.union([z.string(), z.array(z.string()).min(1)]),
    needs: z.union([z.string(), z.array(z.string())]).optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    permissions: z.union([z.string(), z.record(z.string(), z.enum(['read', 'write', 'none']))]).optional(),
    'timeout-minutes': z.number().positive().optional(),
    'continue-on-error': z.union([z.boolean(), z.string()]).optional(),
    strategy: z
      .object({
        matrix: z.record(z.string(), z.array(scalar).min(1)),
        'fail-fast': z.boolean().optional(),
        'max-parallel': z.number().optional(),
      })
      .strict()
      .optional(),
    services: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/), service).optional(),
    env: env.optional(),
    steps: z.array(step).min(1),
  })
  .strict();

const workflow = z
  .object({
    name: z.string().optional(),
    on: z.union([
      z.string(),
      z.array(z.string()),
      z.partialRecord(
        z.enum(['push', 'pull_request', 'workflow_dispatch', 'schedule', 'merge_group']),
        z.union([z.null(), z.record(z.string(), z.unknown()), z.array(z.unknown())]),
      ),
    ]),
    permissions: z.union([z.string(), z.record(z.string(), z.enum(['read', 'write', 'none']))]).optional(),
    concurrency: z
      .union([
        z.string(),
        z.object({ group: z.string(), 'cancel-in-progress': z.boolean().optional() }).strict(),
      ])
      .optional(),
    env: env.optional(),
    jobs: z.record(z.string().regex(/^[_A-Za-z][A-Za-z0-9_-]*$/), job),
  })
  .strict();

const parsed = workflow.safeParse(parse(read('.github/workflows/ci.yml')));

describe('the hosted CI workflow', () => {
  test('when the workflow file is parsed, then it has the shape GitHub accepts', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  const wf = parsed.success ? parsed.data : undefined;
  const [testJob] = Object.values(wf?.jobs ?? {});
  const steps = testJob?.steps ?? [];
  const script = steps.map((s) => s.run ?? '').join('\n');

  test('when it runs, then it is npm test on Node 20 and the current LTS', () => {
    expect(testJob?.['runs-on']).toMatch(/^ubuntu-/);
    const nodes = (testJob?.strategy?.matrix.node ?? []).map(String);
    expect(nodes).toContain('20');
    expect(nodes.some((n) => n === 'lts/*' || n === '24')).toBe(true);
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(setupNode?.with?.['node-version']).toBe('${{ matrix.node }}');
    const runs = steps.map((s) => s.run?.trim());
    expect(runs.indexOf('npm test')).toBeGreaterThan(runs.findIndex((r) => r?.startsWith('npm ci')));
  });

  test('when actions are used, then each is pinned to a major tag', () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/);
  });

  test('when MongoDB starts, then it is the compose file image as a replica set the URL names', () => {
    const composeImage = /image:\s*(mongo:[\w.]+)/.exec(read('docker-compose.yml'))?.[1];
    const url = new URL(String(testJob?.env?.MONGO_URL));
    const setName = url.searchParams.get('replicaSet');
    expect(setName).toBeTruthy();
    expect(script).toContain(`${composeImage} mongod --replSet ${setName}`);
    expect(script).toContain(`-p ${url.port}:27017`);
    expect(script).toContain(
      `rs.initiate({ _id: '${setName}', members: [{ _id: 0, host: '${url.host}' }] })`,
    );
    expect(script).toContain('isWritablePrimary');
  });

  test('when Redis is a service, then REDIS_URL points at its published port', () => {
    const redis = testJob?.services?.redis;
    expect(redis?.image).toMatch(/^redis:7(\.|-|$)/);
    const url = new URL(String(testJob?.env?.REDIS_URL));
    expect(redis?.ports?.map(String)).toContain(`${url.port}:6379`);
    expect(redis?.options).toContain('--health-cmd');
  });

  test('when the browser tests run, then Chrome is named and redis-server and a CJK font are installed', () => {
    expect(testJob?.env?.CHROMIUM_PATH).toBe('/usr/bin/google-chrome');
    expect(script).toMatch(/apt-get install[^\n]*redis-server/);
    expect(script).toMatch(/apt-get install[^\n]*fonts-wqy-microhei/);
  });

  test('when the proxy test runs, then HAProxy is installed (it fails under CI without it)', () => {
    expect(script).toMatch(/apt-get install[^\n]*haproxy/);
  });

  test('when the harness reads its environment, then the names are the ones the workflow sets', () => {
    expect(read('test/support/local-stack.ts')).toMatch(
      /env\.MONGO_URL[\s\S]*env\.REDIS_URL|env\.REDIS_URL[\s\S]*env\.MONGO_URL/,
    );
    expect(read('test/support/browser.ts')).toContain('process.env.CHROMIUM_PATH');
  });
});
