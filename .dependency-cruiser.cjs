// Dependency rules checked by `npm run depcheck` (a step of `npm test`). README "Architecture" explains them
// and the known-violations baseline (.dependency-cruiser-known-violations.json), which may only shrink.
//
// The parser is swc: TypeScript 7 has no JavaScript API, so dependency-cruiser's tsc parser is unavailable.
// swc reports every import declaration, `import type` and `export type … from` included, so cycles through
// type-only imports count. It does not mark which imports are type-only, so the matching-engine rule works
// out for itself (typeOnlyEngineTargets below) which targets the engine only ever imports for their types.
const { readdirSync } = require('node:fs');
const { isBuiltin } = require('node:module');
const path = require('node:path');
const { parseFileSync } = require('@swc/core');

const ENGINE = 'src/modules/ranking/engine/';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

// The path dependency-cruiser reports for an import, as a regular expression.
function targetPattern(fromFile, specifier) {
  if (specifier.startsWith('.')) {
    const base = path.posix.join(path.posix.dirname(fromFile), specifier);
    return `^${escapeRegExp(base)}(\\.d\\.ts|\\.ts|\\.js|/index\\.ts)?$`;
  }
  if (isBuiltin(specifier)) return `^(node:)?${escapeRegExp(specifier.replace(/^node:/, ''))}$`;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const typesName = name.startsWith('@') ? name.slice(1).replace('/', '__') : name;
  return `(^|/)node_modules/(${escapeRegExp(name)}|@types/${escapeRegExp(typesName)})/`;
}

function isTypeOnly(node) {
  if (node.typeOnly) return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.isTypeOnly);
}

// Targets outside the engine that engine files import, and only ever with `import type` /
// `import { type X }` / `export type … from` (TypeScript erases those, so nothing is loaded at run time).
// A target that any engine file imports as a value is not in the list, so that import is reported.
function typeOnlyEngineTargets() {
  const typeOnly = new Map();
  for (const file of tsFiles(ENGINE)) {
    const { body } = parseFileSync(file, { syntax: 'typescript' });
    for (const node of body) {
      if (!node.source || typeof node.source.value !== 'string') continue;
      const pattern = targetPattern(file, node.source.value);
      typeOnly.set(pattern, (typeOnly.get(pattern) ?? true) && isTypeOnly(node));
    }
  }
  return [...typeOnly].filter(([, onlyTypes]) => onlyTypes).map(([pattern]) => pattern);
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-to-modules',
      severity: 'error',
      comment: 'src/lib/ is cross-cutting: it never imports a feature (src/modules/).',
      from: { path: '^src/lib/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'matching-engine-no-io',
      severity: 'error',
      comment:
        'The matching engine is pure: it imports nothing outside its folder (no mongoose, bullmq, ioredis, ' +
        'express, node:fs/net/http, src/lib or other modules) except with `import type`.',
      from: { path: `^${escapeRegExp(ENGINE)}` },
      to: {
        pathNot: [`^${escapeRegExp(ENGINE)}`, ...typeOnlyEngineTargets()],
        dependencyTypesNot: ['type-import'],
      },
    },
    {
      name: 'no-cross-feature-model',
      severity: 'error',
      comment:
        "Each feature owns its data: only src/modules/<a>/ imports src/modules/<a>/*.model.ts; others call a's services.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.+\\.model\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'workers-no-model',
      severity: 'error',
      comment: 'Processors parse their job and call a service; they do not query models themselves.',
      from: { path: '^workers/' },
      to: { path: '\\.model\\.ts$' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'src/ and workers/ run in production, where devDependencies are not installed.',
      from: { path: '^(src|workers)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file, a package or a node built-in.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
  },
};
