// Bundles the packages the server loads at start-up that are made of hundreds of small modules:
// Node then reads, resolves and links one file instead of hundreds (es-toolkit's compat layer,
// which @nestjs/swagger imports: 326 modules, about 200 ms of start-up, 14 ms as one file;
// class-validator with validator.js and libphonenumber-js; rxjs; yaml; semver; and NestJS, whose
// packages are ES modules, about 550 of them, which Node links one by one). Every export is kept: a
// bundle stands in for its package for whoever imports it by its name.
// Writes dist/apps/api/vendor/ and its manifest.json ({ specifier: { file, format } }), which the
// server's resolve hook (apps/api/src/common/vendor-bundles.ts) reads; without them it uses the
// packages as they are.
import { build } from 'esbuild';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/apps/api/vendor');
const require = createRequire(join(root, 'package.json'));

/**
 * Groups built together, each in the package's own format (an ES module's importers get an ES
 * module, a CommonJS package's `require` callers get CommonJS). Specifier → the bundle's name and,
 * where the one Node resolves is not the one to bundle, its entry (a file of the package). The specifiers of one ES group
 * share their modules (esbuild's splitting), so that `rxjs` and `rxjs/operators` are one rxjs.
 * `only`: the group takes in only the packages whose names begin so; whatever else they import
 * stays an import of the package as installed (or of its own bundle). A CommonJS group of several
 * specifiers is one bundle, `name`, of a module requiring them all (esbuild splits ES modules
 * only); each specifier's file is that bundle's entry for it.
 */
const GROUPS = [
  { format: 'esm', bundles: { 'es-toolkit/compat': { name: 'es-toolkit-compat' } } },
  {
    // rxjs's ES2015 build (Node would resolve its CommonJS one).
    format: 'esm',
    bundles: {
      rxjs: { name: 'rxjs', entry: 'dist/esm/index.js' },
      'rxjs/operators': { name: 'rxjs-operators', entry: 'dist/esm/operators/index.js' },
    },
  },
  {
    // NestJS's packages import each other's internal files (`@nestjs/common/internal`, …): they are
    // bundled together, in one group whose shared chunks hold each module once, so there is one
    // NestJS (one HttpException, one set of metadata keys). rxjs, class-validator, fastify and the
    // rest stay outside, imported as the server imports them (rxjs: its bundle above, one rxjs).
    format: 'esm',
    only: '@nestjs/',
    bundles: Object.fromEntries(
      ['common', 'core', 'platform-fastify', 'swagger', 'jwt', 'passport', 'schedule'].map((name) => [
        `@nestjs/${name}`,
        { name: `nestjs-${name}` },
      ]),
    ),
  },
  { format: 'cjs', bundles: { 'class-validator': { name: 'class-validator' } } },
  { format: 'cjs', bundles: { yaml: { name: 'yaml' } } },
  { format: 'cjs', bundles: { semver: { name: 'semver' } } },
  {
    // Fastify and middie, which @nestjs/platform-fastify imports with two of Fastify's own files:
    // its symbols (`Symbol()`s, which must be Fastify's) and its Reply. One bundle holds them all,
    // ajv, avvio and find-my-way included (about 250 modules at start-up).
    format: 'cjs',
    name: 'fastify-group',
    bundles: {
      fastify: { name: 'fastify' },
      'fastify/lib/symbols.js': { name: 'fastify-symbols' },
      'fastify/lib/reply.js': { name: 'fastify-reply' },
      'find-my-way/lib/url-sanitizer.js': { name: 'find-my-way-url-sanitizer' },
      '@fastify/middie': { name: 'fastify-middie' },
    },
  },
  { format: 'cjs', bundles: { '@fastify/static': { name: 'fastify-static' } } },
  { format: 'cjs', bundles: { '@opentelemetry/api': { name: 'opentelemetry-api' } } },
  { format: 'cjs', bundles: { 'prom-client': { name: 'prom-client' } } },
  { format: 'cjs', bundles: { pg: { name: 'pg' } } },
  { format: 'cjs', bundles: { jsonwebtoken: { name: 'jsonwebtoken' } } },
];

/** `es-toolkit/compat` → `es-toolkit`; `@scope/name/sub` → `@scope/name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The file an `import` (ES) or a `require` (CommonJS) of the specifier resolves to. */
const entryOf = (specifier, format) =>
  format === 'esm' ? fileURLToPath(import.meta.resolve(specifier, `file://${root}/`)) : require.resolve(specifier);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest = {};
/** The package.json of an installed package (read from its folder: not every package exports it). */
const packageJsonOf = (name) => join(root, 'node_modules', name, 'package.json');

/** Is the package `specifier` names installed? (NestJS imports its optional packages in `try`.) */
const installed = (specifier) => existsSync(packageJsonOf(packageOf(specifier)));

/** An esbuild plugin keeping every package outside the group's `only` prefix (and any not installed) external. */
const onlyPackages = (prefix) => ({
  name: 'only-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith(prefix) && installed(path) ? undefined : { external: true },
    );
  },
});

/** An esbuild plugin keeping the packages that are not installed external (optional ones, required in `try`). */
const installedPackages = {
  name: 'installed-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith('node:') || installed(path) ? undefined : { external: true },
    );
  },
};

/**
 * An esbuild plugin whose one module, `vendor-group`, requires each of `specifiers` and exports them
 * by specifier: the entry of a CommonJS group.
 */
const groupEntry = (specifiers) => ({
  name: 'group-entry',
  setup(builder) {
    builder.onResolve({ filter: /^vendor-group$/ }, () => ({ path: 'vendor-group', namespace: 'group' }));
    builder.onLoad({ filter: /.*/, namespace: 'group' }, () => ({
      contents: `module.exports = { ${specifiers.map((s) => `${JSON.stringify(s)}: require(${JSON.stringify(s)})`).join(', ')} };`,
      resolveDir: root,
      loader: 'js',
    }));
  },
});

/** Is `name` a word JavaScript reserves (one that cannot name a variable)? */
function isReservedWord(name) {
  try {
    new Function(`let ${name};`);
    return false;
  } catch {
    return true;
  }
}

/**
 * An esbuild plugin giving an ES bundle Node's built-in modules as `process.getBuiltinModule`
 * returns them, not through `import`: Node's ES facade of a built-in reads every export it has,
 * getters included, and `node:http`'s WebSocket, CloseEvent and MessageEvent getters load Node's
 * own undici (about 20 ms of start-up and its code in the heap, in a server that opens no
 * WebSocket). The stand-in exports the module's plain values by name, and the module as default.
 */
const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(builder) {
    const names = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    builder.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path }) =>
      names.has(path) ? { path: path.replace(/^node:/, ''), namespace: 'builtin' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
      const exports = require(`node:${path}`);
      const plain = Object.keys(exports).filter(
        (key) =>
          /^[A-Za-z_$][\w$]*$/.test(key) &&
          key !== 'default' &&
          'value' in Object.getOwnPropertyDescriptor(exports, key),
      );
      return {
        contents: [
          `const m = process.getBuiltinModule(${JSON.stringify(`node:${path}`)});`,
          'export default m;',
          ...plain.map((key) => `export const ${key} = m.${key};`),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * Rewrites a bundle's non-ASCII characters as `\\uXXXX` escapes. V8 keeps a source with a single
 * character beyond Latin-1 as two bytes per character, the whole file; esbuild escapes strings but
 * leaves regular expressions as written (validator.js's alphabets: class-validator's bundle would
 * be 1.4 MB instead of 0.7). An escape means the same character in a string, a template, a regular
 * expression (as UTF-16 units, as written) and a comment; after a backslash it would not, which
 * fails the build rather than change the code.
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  if (/\\[^\x00-\x7f]/.test(source)) throw new Error(`${file}: a non-ASCII character after a backslash`);
  const escaped = source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== source) writeFileSync(file, escaped);
}

for (const { format, only, name: groupName, bundles } of GROUPS) {
  const extension = format === 'esm' ? '.mjs' : '.cjs';
  const grouped = format === 'cjs' && Object.keys(bundles).length > 1;
  const entryPoints = grouped
    ? { [groupName]: 'vendor-group' }
    : Object.fromEntries(
        Object.entries(bundles).map(([specifier, { name, entry }]) => [
          name,
          entry === undefined
            ? entryOf(specifier, format)
            : join(dirname(require.resolve(`${packageOf(specifier)}/package.json`)), entry),
        ]),
      );
  const versions = [...new Set(Object.keys(bundles).map(packageOf))].map(
    (name) => `${name} ${JSON.parse(readFileSync(packageJsonOf(name), 'utf8')).version}`,
  );
  const { metafile } = await build({
    entryPoints,
    bundle: true,
    format,
    splitting: format === 'esm',
    platform: 'node',
    target: 'node24',
    outdir: out,
    outExtension: { '.js': extension },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    // Whitespace, comments and redundant syntax go; names stay (NestJS reads classes' names). V8
    // keeps every module's source in its heap for as long as the process runs: about a third less.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'inline',
    banner: { js: `// ${versions.join(', ')}, bundled by scripts/build-vendor.mjs` },
    plugins: [
      ...(format === 'esm' ? [builtinsWithoutFacade] : []),
      ...(grouped ? [groupEntry(Object.keys(bundles))] : []),
      only === undefined ? installedPackages : onlyPackages(only),
    ],
    metafile: true,
  });
  for (const file of Object.keys(metafile.outputs)) asciiOnly(join(root, file));
  for (const [specifier, { name }] of Object.entries(bundles)) {
    const file = `${name}${extension}`;
    if (grouped) {
      writeFileSync(
        join(out, file),
        `module.exports = require(${JSON.stringify(`./${groupName}${extension}`)})[${JSON.stringify(specifier)}];\n`,
      );
    }
    if (format === 'cjs') {
      // An ES module importing a CommonJS module sees the names Node's lexer finds written as
      // `module.exports = { … }`; a bundle assigns its exports at run time, so they are listed in
      // the form the lexer reads (as esbuild itself writes it for ES modules made CommonJS).
      // A reserved word (`default`, which @fastify/static exports for ES importers) is written as a
      // string key: `{ default }` is no JavaScript, `{ "default": _ }` is, and the lexer reads both.
      const names = Object.keys(require(join(out, file))).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
      const properties = names.map((key) => (isReservedWord(key) ? `${JSON.stringify(key)}: _` : key));
      appendFileSync(join(out, file), `0 && (module.exports = { ${properties.join(', ')} });\n`);
    }
    manifest[specifier] = { file, format: format === 'esm' ? 'module' : 'commonjs' };
  }
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
