import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSync } from '@swc/core';

// One composition root per process (src/server.ts, workers/main.ts, scripts/dev.ts; tests build their
// own): connections, queues, the mailer, the ranking store and settings are made there and passed in as
// the context. This test keeps it so: no module of src/ or workers/ holds them at module level.

const root = path.resolve(__dirname, '../..');

/** Module-level `let`s that are lazily computed constants (the same value whoever asks), not dependencies. */
const MEMOISED: Record<string, string> = {
  'src/lib/config.ts:cached': 'the environment read once, for process entries (getConfig)',
  'src/lib/openapi.ts:cached': 'the OpenAPI document generated once from the route schemas',
  'src/lib/http/pages.ts:translators': 'the page dictionaries, loaded once',
  'src/lib/http/pages.ts:dictionaries': 'the page dictionaries, loaded once',
  'src/modules/accounts/password.ts:dummyHash': 'one hash to compare against for unknown accounts',
  'src/modules/taxonomy/taxonomy.service.ts:segmenter':
    'the jieba segmenter with the taxonomy words, built once',
};

/** Classes and factories whose instances belong to a process's context, never to a module. */
const PROCESS_RESOURCES = new Set([
  'Queue',
  'Worker',
  'QueueEvents',
  'FlowProducer',
  'Redis',
  'Registry',
  'ExpertStoreCache',
  'createRedis',
  'createQueue',
  'createWorker',
  'createQueueProducers',
  'createMailer',
  'createTransport',
  'createEmailSender',
  'createMetrics',
  'createContext',
  'getConfig',
]);

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

// biome-ignore lint/suspicious/noExplicitAny: swc's AST nodes, walked generically
type Node = any;

/** The names of classes constructed and functions called anywhere inside a node. */
function madeWithin(node: Node, found: string[] = []): string[] {
  if (!node || typeof node !== 'object') return found;
  if (Array.isArray(node)) {
    for (const n of node) madeWithin(n, found);
    return found;
  }
  // Functions run later, on whoever calls them: not module-level state.
  if (/^(ArrowFunctionExpression|FunctionExpression|FunctionDeclaration|ClassMethod)$/.test(node.type))
    return found;
  if ((node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee?.type === 'Identifier')
    found.push(node.callee.value);
  for (const key of Object.keys(node)) if (key !== 'span') madeWithin(node[key], found);
  return found;
}

function moduleLevelState(file: string, source = readFileSync(path.join(root, file), 'utf8')): string[] {
  const program = parseSync(source, { syntax: 'typescript' });
  const problems: string[] = [];
  for (const item of program.body as Node[]) {
    const statement = item.type === 'ExportDeclaration' ? item.declaration : item;
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const name = d.id?.value ?? '?';
        if (statement.kind !== 'const' && !MEMOISED[`${file}:${name}`])
          problems.push(`${file}: module-level ${statement.kind} ${name}`);
      }
    }
    for (const made of madeWithin(
      statement.type === 'VariableDeclaration' ? statement.declarations : statement,
    ))
      if (PROCESS_RESOURCES.has(made)) problems.push(`${file}: ${made} at module level`);
  }
  return problems;
}

describe('one composition root per process', () => {
  const files = [...tsFiles('src'), ...tsFiles('workers')];

  it('when a module is loaded, then it makes no connection, queue, mailer, store or settings of its own', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((file) => moduleLevelState(file))).toEqual([]);
  });

  it('when a memoised binding is allowed, then it still exists (the list does not outlive the code)', () => {
    const stale = Object.keys(MEMOISED).filter((key) => {
      const [file, name] = key.split(':') as [string, string];
      return !new RegExp(`^let ${name}\\b`, 'm').test(readFileSync(path.join(root, file), 'utf8'));
    });
    expect(stale).toEqual([]);
  });

  it('when a module of src/modules needs a setting, then it reads it from the context, not the environment', () => {
    const readers = tsFiles('src/modules').filter((file) =>
      /\b(getConfig|loadConfig)\(|process\.env\b/.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(readers).toEqual([]);
  });

  it('when the rule meets a module-level queue or mutable binding, then it names them', () => {
    const source = [
      "import { Queue } from 'bullmq';",
      "export const q = new Queue('x');",
      'let cache: string | undefined;',
      "export const later = () => new Queue('made by the caller');",
    ].join('\n');
    expect(moduleLevelState('sample.ts', source)).toEqual([
      'sample.ts: Queue at module level',
      'sample.ts: module-level let cache',
    ]);
  });
});
