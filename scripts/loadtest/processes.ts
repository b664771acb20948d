import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';

/**
 * The load test's child processes: started with their output in a log file of the run's temp dir,
 * measured from /proc, and stopped with everything they started (a cluster's workers too).
 */

export interface Started {
  name: string;
  child: ChildProcess;
  log: string;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
): Started {
  const fd = openSync(log, 'a');
  const child = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
  return { name, child, log };
}

export const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Waits until `check` holds; fails with the end of the process's log if it exits first or `ms` pass. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  p: Started,
  ms = 120_000,
): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (exited(p.child)) throw new Error(`${p.name} exited (${p.child.exitCode}):\n${tail(p.log)}`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} not within ${ms / 1000} s:\n${tail(p.log)}`);
}

export function onPath(cmd: string): string | undefined {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const found = res.stdout.trim();
  return res.status === 0 && found ? found : undefined;
}

/** Every process below `pid` (children, their children …), read from /proc/<pid>/stat. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift() as number;
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** Resident memory of one process in kB (VmRSS), 0 when it is gone. */
export function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS of a process and all its descendants (the API's cluster), in MB, and how many processes that is. */
export function treeRss(pid: number): { mb: number; processes: number } {
  const pids = [pid, ...descendants(pid)];
  const kb = pids.reduce((s, p) => s + rssKb(p), 0);
  return { mb: kb / 1024, processes: pids.filter((p) => rssKb(p) > 0).length };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * SIGTERM, then SIGKILL after `graceMs` for the process and whatever it started that is still running,
 * so no child outlives the run (a cluster's primary forwards SIGTERM itself; stragglers are killed).
 */
export async function stopTree(started: Started, graceMs = 20_000): Promise<void> {
  const { child } = started;
  if (child.pid === undefined) return;
  const below = descendants(child.pid);
  if (!exited(child)) {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
    if ((await Promise.race([gone, timer])) === 'late') child.kill('SIGKILL');
  }
  for (const pid of below) {
    if (alive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
}

/** Kills at once everything this process started: for its 'exit' handler, where nothing can be awaited. */
export function killDescendantsNow(): void {
  for (const pid of descendants(process.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}
