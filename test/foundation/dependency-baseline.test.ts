import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// `npm run depcheck` fails on a new dependency violation; this test makes the known-violations baseline
// shrink: once a known violation is fixed, its entry must go (`npm run depcheck:baseline`), so it cannot
// come back unnoticed.

interface BaselineViolation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

const root = path.resolve(__dirname, '../..');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
// As in package.json's "depcheck:baseline".
const cruised = ['src', 'workers', 'scripts', 'test', '--config', '.dependency-cruiser.cjs'];

// The same identity dependency-cruiser uses to recognise a known violation: a cycle by its members,
// anything else by its two ends.
function identity({ rule, from, to, cycle }: BaselineViolation): string {
  const members = cycle?.map((step) => step.name).sort();
  return `${rule.name}: ${members ? `cycle ${members.join(', ')}` : `${from} → ${to}`}`;
}

describe('dependency-cruiser baseline', () => {
  it('when a known violation has been fixed, then it is no longer in the baseline', () => {
    const output = execFileSync(process.execPath, [depcruise, ...cruised, '--output-type', 'baseline'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const current = new Set((JSON.parse(output) as BaselineViolation[]).map(identity));
    const known = JSON.parse(
      readFileSync(path.join(root, '.dependency-cruiser-known-violations.json'), 'utf8'),
    ) as BaselineViolation[];

    const fixed = known.map(identity).filter((entry) => !current.has(entry));
    if (fixed.length > 0) {
      throw new Error(
        `Fixed, but still in .dependency-cruiser-known-violations.json (run npm run depcheck:baseline):\n${fixed.join('\n')}`,
      );
    }
  }, 60_000);
});
