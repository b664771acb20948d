import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onPath, type Started, startProcess, stopTree, until } from './processes';

/**
 * The reverse proxy of the deployment (scripts/proxy/haproxy.cfg, the file docker-compose mounts) in front
 * of the API, when HAProxy is on PATH or in HAPROXY: the same file with this run's addresses.
 */

export const PROXY_CONFIG = join(process.cwd(), 'scripts/proxy/haproxy.cfg');

export interface ProxyProcess {
  url: string;
  /** HAProxy's version line, for the report. */
  version: string;
  stop(): Promise<void>;
}

/** The deployment's configuration with the API at `apiPort` and the proxy on `port`, both on the loopback. */
export function renderProxyConfig(config: string, apiPort: number, port: number): string {
  const servers = /^(\s*server\s+\S+\s+)api:3000\b/gm;
  const bind = /^(\s*bind\s+):3000$/m;
  if (!servers.test(config) || !bind.test(config)) {
    throw new Error(`${PROXY_CONFIG}: no "server … api:3000" or "bind :3000" line to point at this run`);
  }
  return config.replace(servers, `$1127.0.0.1:${apiPort}`).replace(bind, `$1127.0.0.1:${port}`);
}

export function haproxyBinary(): string | undefined {
  return process.env.HAPROXY ?? onPath('haproxy');
}

export async function startProxy(
  binary: string,
  dir: string,
  apiPort: number,
  port: number,
  ready: (url: string) => Promise<boolean>,
): Promise<ProxyProcess> {
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, renderProxyConfig(readFileSync(PROXY_CONFIG, 'utf8'), apiPort, port));
  const check = spawnSync(binary, ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy -c refused ${config}:\n${check.stdout}${check.stderr}`);
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
  // -db: in the foreground, so stopping the child stops the proxy.
  const started: Started = startProcess(
    'HAProxy',
    binary,
    ['-db', '-f', config],
    process.env,
    join(dir, 'haproxy.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  await until('HAProxy answering', () => ready(url), started, 10_000);
  return { url, version, stop: () => stopTree(started, 5_000) };
}
