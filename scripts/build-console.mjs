// Builds the console (ng build, production), then writes a gzip and a brotli copy of each text
// file, which the server sends to browsers that accept them (@fastify/static preCompressed), and
// checks the transfer budget: what the first page load fetches, gzipped, at most 300 kB.
// (Angular's own budgets in angular.json measure raw sizes; this one measures what travels.)
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const INITIAL_GZIP_BUDGET = 300_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/apps/console/browser');

const built = spawnSync(process.execPath, ['node_modules/@angular/cli/bin/ng.js', 'build', 'console'], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const gzipped = new Map();
for (const name of readdirSync(out)) {
  if (!/\.(js|css|html|svg|json|txt)$/.test(name)) continue;
  const content = readFileSync(join(out, name));
  const gz = gzipSync(content, { level: 9 });
  writeFileSync(join(out, `${name}.gz`), gz);
  writeFileSync(
    join(out, `${name}.br`),
    brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  gzipped.set(name, gz.length);
}

// The first load: index.html and the scripts, module preloads and style sheets it names.
const index = readFileSync(join(out, 'index.html'), 'utf8');
const initial = ['index.html', ...[...index.matchAll(/(?:src|href)="([^":]+\.(?:js|css))"/g)].map((m) => m[1])];
const total = [...new Set(initial)].reduce((sum, name) => sum + (gzipped.get(name) ?? 0), 0);
process.stdout.write(
  `Console initial transfer (gzip): ${(total / 1000).toFixed(1)} kB of ${INITIAL_GZIP_BUDGET / 1000} kB\n`,
);
if (total > INITIAL_GZIP_BUDGET) {
  process.stderr.write('The console exceeds its initial transfer budget: make more of it lazy.\n');
  process.exit(1);
}
