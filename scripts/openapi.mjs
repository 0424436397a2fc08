// Writes the OpenAPI document, generated from the code (Swagger CLI plugin, JSDoc on DTOs), with
// sorted keys to openapi/portcullis.json, and the typed client's types generated from it to
// libs/api-client/src/schema.ts (openapi-typescript). `--check` compares instead of writing and
// fails on any difference, so a route changed without its committed contract fails CI.
// Nest's preview mode builds the module graph without instantiating providers: no database needed.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = join(root, 'dist/apps/api/apps/api/src');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { AppModule } = require(join(dist, 'app.module.js'));
const { loadConfig } = require(join(dist, 'config/app-config.js'));
const { buildOpenApiDocument } = require(join(dist, 'bootstrap.js'));

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted(value[key])]),
  );
}

const app = await NestFactory.create(AppModule.forRoot(loadConfig({})), new FastifyAdapter(), {
  preview: true,
  logger: false,
});
const document = sorted(buildOpenApiDocument(app));
await app.close();
const { default: openapiTS, astToString } = await import('openapi-typescript');
const header = '// Generated from openapi/portcullis.json by `npm run openapi`. Do not edit.\n';
const outputs = {
  'openapi/portcullis.json': `${JSON.stringify(document, null, 2)}\n`,
  'libs/api-client/src/schema.ts': header + astToString(await openapiTS(document)),
};
const check = process.argv.includes('--check');
let stale = false;
for (const [file, text] of Object.entries(outputs)) {
  const target = join(root, file);
  if (check) {
    if ((await readFile(target, 'utf8').catch(() => '')) !== text) {
      process.stderr.write(`${file} differs from the code: run \`npm run openapi\` and commit the result.\n`);
      stale = true;
    }
  } else {
    await writeFile(target, text);
    process.stdout.write(`Wrote ${file}\n`);
  }
}
if (stale) process.exit(1);
if (check) process.stdout.write('The committed OpenAPI document and client match the code.\n');
