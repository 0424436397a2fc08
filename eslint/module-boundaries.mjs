// The API's module graph, and the lint rule that keeps the code inside it (docs/architecture.md).
//
// Written here rather than taken from a plugin: the boundaries plugins want the graph as element
// patterns and capture groups; this table is the graph itself, checked for cycles when ESLint
// loads it, and the rule resolves each relative import against the file's own folder, so a
// sub-folder that shares a name with a module is never mistaken for it.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Each folder of apps/api/src is one Nest module; it may import the modules listed here (and,
 * through them, nothing more). FOUNDATIONS may be imported by every module.
 */
export const FOUNDATIONS = ['common', 'config', 'database', 'cluster', 'observability', 'audit'];
export const API_MODULES = {
  // What registries and their clients call.
  token: ['policy', 'identity', 'registries', 'signing', 'directory'],
  search: ['token', 'policy', 'identity', 'registries', 'signing'],
  // The REST API's features.
  auth: ['identity', 'registries'],
  declarative: ['identity', 'policy', 'registries', 'jobs'],
  usage: ['policy', 'identity', 'registries'],
  discovery: ['catalog', 'registries', 'registry-client', 'jobs', 'errors'],
  catalog: ['policy', 'identity', 'registries', 'registry-client'],
  'registry-client': ['signing'],
  policy: ['identity', 'registries'],
  registries: ['identity', 'signing'],
  identity: ['directory'],
  directory: [],
  signing: [],
  jobs: ['errors'],
  errors: ['directory'],
  console: [],
  // Foundations, among themselves.
  audit: ['common', 'config', 'database'],
  observability: ['common', 'config', 'database', 'cluster'],
  cluster: ['common', 'config', 'database'],
  database: ['common', 'config'],
  config: [],
  common: [],
};

/** Throws when the table has a cycle: the graph must read top-down. */
function assertAcyclic(graph) {
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`module cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const next of allowedOf(name)) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(graph)) visit(name, []);
}

function allowedOf(name) {
  const own = API_MODULES[name] ?? [];
  return FOUNDATIONS.includes(name) ? own : [...new Set([...own, ...FOUNDATIONS])];
}

assertAcyclic(API_MODULES);

const ROOT = resolve(import.meta.dirname, '..');
const API_SRC = resolve(ROOT, 'apps/api/src');
/** The only files of the app that libs/testing may import: its public surface. */
const PUBLIC_SURFACE = new Set(['index', 'harness'].map((name) => resolve(API_SRC, name)));

/** The module folder a path lies in ('' for the app's root files), or undefined outside the API. */
function moduleOf(path) {
  const inside = relative(API_SRC, path);
  if (inside.startsWith('..')) return undefined;
  const parts = inside.split(sep);
  return parts.length === 1 ? '' : parts[0];
}

function targetOf(file, source) {
  if (source === '@portcullis/api') return resolve(API_SRC, 'index');
  if (!source.startsWith('.')) return undefined;
  return resolve(dirname(file), source).replace(/\.(ts|js)$/, '');
}

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps imports within the API's module graph, and libs out of the app" },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = moduleOf(file);
    const inLibs = relative(resolve(ROOT, 'libs'), file).split(sep)[0];
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      const target = targetOf(file, source);
      if (target === undefined) return;
      if (!inLibs.startsWith('..')) {
        if (relative(resolve(ROOT, 'apps'), target).startsWith('..')) return;
        if (inLibs === 'testing' && PUBLIC_SURFACE.has(target)) return;
        context.report({
          node,
          message:
            inLibs === 'testing'
              ? `libs/testing imports only the app's public surface (@portcullis/api), not ${source}`
              : `libs/${inLibs} must not import the app (${source})`,
        });
        return;
      }
      const to = moduleOf(target);
      if (to === undefined || from === undefined || from === '' || to === from) return;
      if (to === '') {
        if (/\.(int-)?spec\.ts$/.test(file)) return;
        context.report({ node, message: `Module ${from} imports the app's root (${source}): only main and tests do` });
      } else if (!(from in API_MODULES)) {
        context.report({ node, message: `Folder ${from} is not a module of eslint/module-boundaries.mjs` });
      } else if (!allowedOf(from).includes(to)) {
        context.report({
          node,
          message: `Module ${from} may not import ${to} (${source}): see API_MODULES in eslint/module-boundaries.mjs`,
        });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
