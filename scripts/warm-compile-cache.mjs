// Writes Node's compile cache of the server (V8's code cache of every module it loads at start-up)
// into dist/apps/api/compile-cache, which main.ts uses when it is there. It loads the server's
// modules as main.ts does (common/runtime.ts: the same V8 flags set at run time, the vendor bundles
// in place), and starts a bare Fastify (it loads its schema compilers when it starts), in a process
// with the server's Node flags (V8 refuses a code cache made under flags that change the code it
// generates); nothing of Portcullis runs: no configuration, no database.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'dist/apps/api');
const cache = join(api, 'compile-cache');
/** Node's flags for the server: `npm start`'s, the image's NODE_OPTIONS and the bench's. */
const { NODE_FLAGS: SERVER_FLAGS } = createRequire(import.meta.url)(join(api, 'apps/api/src/common/node-flags.js'));

rmSync(cache, { recursive: true, force: true });
const load = `
  // As main.ts prepares the server's runtime (V8 keeps a code cache only for the flags it was made under).
  require(${JSON.stringify(join(api, 'apps/api/src/common/runtime.js'))}).prepareRuntime(${JSON.stringify(api)}, { createCompileCache: true });
  const { flushCompileCache } = require('node:module');
  // The server's module, which loads the rest (it starts only when main.ts calls its main()).
  require(${JSON.stringify(join(api, 'apps/api/src/server.js'))});
  // What Fastify loads only when it starts (its JSON schema compilers: ajv, fast-json-stringify).
  const fastify = require('fastify')();
  fastify.get('/', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, () => ({ ok: true }));
  fastify.ready().then(() => fastify.close()).then(() => flushCompileCache());`;
const env = { ...process.env };
delete env.NODE_COMPILE_CACHE;
delete env.NODE_DISABLE_COMPILE_CACHE;
const result = spawnSync(process.execPath, [...SERVER_FLAGS, '-e', load], { cwd: root, stdio: 'inherit', env });
if (result.status !== 0) {
  rmSync(cache, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
