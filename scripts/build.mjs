// Builds what is missing or older than its sources: the Prisma Client, the API, the CLI and the
// console. `npm start` runs it first, so `npm install && npm start` works from a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

const targets = [
  {
    name: 'Prisma Client',
    output: 'apps/api/src/database/generated/client.ts',
    inputs: ['prisma/schema.prisma', 'scripts/prisma-generate.mjs'],
    command: ['node', 'scripts/prisma-generate.mjs'],
  },
  {
    name: 'API',
    output: 'dist/apps/api/apps/api/src/main.js',
    inputs: [
      'apps/api/src/**/*.ts',
      'libs/domain/src/**/*.ts',
      'prisma/schema.prisma',
      'tsconfig.base.json',
      'nest-cli.json',
    ],
    command: ['node', 'node_modules/@nestjs/cli/bin/nest.js', 'build', 'api'],
  },
  {
    // After the API: its build empties dist/apps/api.
    name: 'vendor bundles',
    output: 'dist/apps/api/vendor/manifest.json',
    inputs: ['scripts/build-vendor.mjs', 'package-lock.json'],
    command: ['node', 'scripts/build-vendor.mjs'],
  },
  {
    // After the API and its vendor bundles: V8's code cache of what the server loads.
    name: 'compile cache',
    output: 'dist/apps/api/compile-cache',
    inputs: ['scripts/warm-compile-cache.mjs', 'dist/apps/api/vendor/manifest.json', 'package-lock.json'],
    command: ['node', 'scripts/warm-compile-cache.mjs'],
  },
  {
    name: 'CLI',
    output: 'dist/apps/cli/apps/cli/src/main.js',
    inputs: ['apps/cli/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    command: ['node', 'node_modules/@nestjs/cli/bin/nest.js', 'build', 'cli'],
  },
  {
    name: 'console',
    output: 'dist/apps/console/browser/index.html',
    inputs: [
      'apps/console/src/**/*',
      'angular.json',
      'apps/console/tsconfig.app.json',
      'libs/api-client/src/**/*.ts',
      'libs/domain/src/**/*.ts',
    ],
    command: ['node', 'scripts/build-console.mjs'],
  },
];

function newest(patterns) {
  let latest = 0;
  for (const pattern of patterns) {
    for (const file of globSync(pattern, { cwd: root })) {
      latest = Math.max(latest, statSync(join(root, file)).mtimeMs);
    }
  }
  return latest;
}

for (const target of targets) {
  const output = join(root, target.output);
  const stale = force || !existsSync(output) || newest(target.inputs) > statSync(output).mtimeMs;
  if (!stale) continue;
  process.stdout.write(`Building the ${target.name}…\n`);
  const [command, ...args] = target.command;
  const result = spawnSync(command === 'node' ? process.execPath : command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`Building the ${target.name} failed.\n`);
    process.exit(result.status ?? 1);
  }
}
