// Bundles, each into one file, the packages the server loads at start-up that are made of hundreds
// of small modules: Node then reads, resolves and links one file instead of hundreds (es-toolkit's
// compat layer, which @nestjs/swagger imports: 326 modules, about 200 ms of start-up, 14 ms as one
// file; class-validator with validator.js and libphonenumber-js; yaml). Every export is kept: the
// bundle stands in for the package for whoever imports it by its name.
// Writes dist/apps/api/vendor/<file> and manifest.json ({ specifier: { file, format } }), which the server's
// resolve hook (apps/api/src/start-up/vendor-bundles.ts) reads; without them it uses the packages.
import { build } from 'esbuild';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/apps/api/vendor');
const require = createRequire(join(root, 'package.json'));

/**
 * Specifier → the bundle: its file and format, the package's own (an ES module's importers get an
 * ES module, a CommonJS package's `require` callers get CommonJS).
 */
const BUNDLES = {
  'es-toolkit/compat': { file: 'es-toolkit-compat.mjs', format: 'esm' },
  'class-validator': { file: 'class-validator.cjs', format: 'cjs' },
  yaml: { file: 'yaml.cjs', format: 'cjs' },
};

/** `es-toolkit/compat` → `es-toolkit`; `@scope/name/sub` → `@scope/name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

mkdirSync(out, { recursive: true });
const manifest = {};
for (const [specifier, { file, format }] of Object.entries(BUNDLES)) {
  // The entry an `import` (ESM) or a `require` (CommonJS) of the specifier resolves to.
  const entry =
    format === 'esm' ? fileURLToPath(import.meta.resolve(specifier, `file://${root}/`)) : require.resolve(specifier);
  const outfile = join(out, file);
  await build({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'node',
    target: 'node24',
    outfile,
    logLevel: 'warning',
    legalComments: 'inline',
    banner: {
      js: `// ${specifier} ${require(`${packageOf(specifier)}/package.json`).version}, bundled by scripts/build-vendor.mjs`,
    },
  });
  if (format === 'cjs') {
    // An ES module importing a CommonJS module sees the names Node's lexer finds written as
    // `module.exports = { … }`; a bundle assigns its exports at run time, so they are listed in
    // the form the lexer reads (as esbuild itself writes it for ES modules made CommonJS).
    const names = Object.keys(require(outfile)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    appendFileSync(outfile, `0 && (module.exports = { ${names.join(', ')} });\n`);
  }
  manifest[specifier] = { file, format: format === 'esm' ? 'module' : 'commonjs' };
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
