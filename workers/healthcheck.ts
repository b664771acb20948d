import { getConfig } from '../src/lib/config';
import { checkHeartbeat } from './heartbeat';

/**
 * The worker container's healthcheck (docker-compose.yml: `node dist/workers/healthcheck.js`): exit 0 while
 * the worker process's heartbeat file is fresh, 1 otherwise (also when the configuration cannot be read).
 */
function main(): number {
  try {
    const check = checkHeartbeat(getConfig());
    process.stdout.write(`${check.reason}\n`);
    return check.healthy ? 0 : 1;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) process.exit(main());
