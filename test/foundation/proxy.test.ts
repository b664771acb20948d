import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  haproxyBinary,
  PROXY_CONFIG,
  type ProxyProcess,
  renderProxyConfig,
  startProxy,
} from '../../scripts/loadtest/proxy';
import { ErrorResponseSchema } from '../../src/lib/openapi';
import { freePort } from '../support/local-stack';

/**
 * The deployment's reverse proxy (scripts/proxy/haproxy.cfg), run with HAProxy in front of a stand-in API
 * that holds requests until told: what passes through, and what a user gets when every slot is taken.
 * CI installs HAProxy (.ci/run); elsewhere the suite is skipped when it is missing.
 */
const binary = haproxyBinary();
if (!binary && process.env.CI) throw new Error('CI runs the proxy tests: install haproxy (see .ci/run)');
const suite = binary ? describe : describe.skip;

const config = readFileSync(PROXY_CONFIG, 'utf8');
/** The slots of a backend, as the file gives them. */
function slots(backend: string): number {
  const block = new RegExp(
    `^backend ${backend}\\n(?:[ \\t].*\\n)*?\\s*server \\S+ api:3000 maxconn (\\d+)`,
    'm',
  );
  const m = block.exec(config);
  if (!m) throw new Error(`no server line with maxconn in backend ${backend}`);
  return Number(m[1]);
}

test('when the file is rendered for a run, then its server and bind lines point at the loopback', () => {
  const rendered = renderProxyConfig(config, 4100, 4200);
  expect(rendered).not.toMatch(/api:3000/);
  expect(rendered).toMatch(/^\s*bind 127\.0\.0\.1:4200$/m);
  expect(rendered.match(/127\.0\.0\.1:4100/g)).toHaveLength(3);
  expect(() => renderProxyConfig('global\n', 1, 2)).toThrow(/bind :3000/);
});

suite('the reverse proxy in front of the API', () => {
  let dir: string;
  let api: Server;
  let proxy: ProxyProcess;
  const held: ServerResponse[] = [];
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yinling-proxy-'));
    api = createServer((req, res) => {
      seen.push(req);
      if (req.url?.endsWith('/hold')) return void held.push(res);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ path: req.url }));
    });
    const apiPort = await freePort();
    await new Promise<void>((resolve) => api.listen(apiPort, '127.0.0.1', resolve));
    const ready = (url: string) =>
      fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      );
    proxy = await startProxy(binary as string, dir, apiPort, await freePort(), ready);
  });

  afterAll(async () => {
    for (const res of held.splice(0)) res.end();
    await proxy?.stop();
    await new Promise<void>((resolve) => api?.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Fills every slot of a backend with requests the stand-in API holds; resolves once it has them all. */
  async function fill(prefix: string, n: number): Promise<Promise<Response>[]> {
    const before = held.length;
    const pending = Array.from({ length: n }, () => fetch(`${proxy.url}${prefix}/hold`));
    while (held.length < before + n) await new Promise((r) => setImmediate(r));
    return pending;
  }

  async function release(pending: Promise<Response>[]): Promise<void> {
    for (const res of held.splice(0)) res.end();
    await Promise.all(pending.map((p) => p.then((r) => r.arrayBuffer())));
  }

  test('when a request passes through, then the API gets an id for it and the client address', async () => {
    const res = await fetch(`${proxy.url}/api/v1/needs`, { headers: { 'X-Request-Id': 'from-the-client' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/api/v1/needs' });
    const req = seen.at(-1) as IncomingMessage;
    // one id, the proxy's (the API answers with it, as the proxy's own 503s do)
    expect(req.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  test('when every API slot is taken, then the next request waits its turn and gets 503 with Retry-After in the API’s error shape', async () => {
    const pending = await fill('/api/v1', slots('api'));
    const res = await fetch(`${proxy.url}/api/v1/needs`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = ErrorResponseSchema.parse(await res.json());
    expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    // A page has slots of its own: it is still served while the API's are taken.
    expect((await fetch(`${proxy.url}/expert`)).status).toBe(200);
    // Static files never wait for a slot.
    expect((await fetch(`${proxy.url}/assets/site.css`)).status).toBe(200);
    await release(pending);
    expect((await fetch(`${proxy.url}/api/v1/needs`)).status).toBe(200);
  });

  test('when every page slot is taken, then a browser gets a busy page in Chinese with Retry-After', async () => {
    const pending = await fill('/expert', slots('pages'));
    const res = await fetch(`${proxy.url}/expert`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(await res.text()).toContain('服务繁忙');
    expect((await fetch(`${proxy.url}/assets/site.css`)).status).toBe(200);
    await release(pending);
  });
});
