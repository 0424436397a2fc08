import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NODE_FLAGS } from '../apps/api/src/common/node-flags';

const run = promisify(execFile);
const DIST = join(__dirname, '../dist/apps/api');
const MAIN = join(DIST, 'apps/api/src/main.js');

/** What Node said of the compile cache while running `args` (NODE_DEBUG_NATIVE=COMPILE_CACHE). */
async function compileCacheOf(args: string[], env: NodeJS.ProcessEnv = {}) {
  const all: NodeJS.ProcessEnv = { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE', ...env };
  delete all.NODE_COMPILE_CACHE;
  delete all.NODE_DISABLE_COMPILE_CACHE;
  const { code, stdout, stderr } = await run(process.execPath, [...NODE_FLAGS, ...args], {
    cwd: join(__dirname, '..'),
    env: all,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  const lines = stderr.split('\n').filter((line) => line.startsWith('[compile cache]'));
  return {
    code,
    stdout,
    accepted: lines.filter((line) => / was accepted/.test(line)).length,
    missing: lines.filter((line) => /no such file/.test(line)).length,
    refused: lines.filter((line) => /rejected|mismatch/i.test(line)).length,
  };
}

/**
 * The build writes Node's compile cache of the server beside it (scripts/warm-compile-cache.mjs),
 * which main.ts uses when it is there (apps/api/src/common/runtime.ts): V8 then reads the code of
 * the modules the server loads instead of compiling it at every start.
 */
describe('Compile cache', () => {
  it('should give the built server (main.js) the code of every module it loads, none missing or refused', async () => {
    // PORT is not a number: the server stops at its configuration (exit 2), once main.ts has set up
    // its runtime and every module is loaded, before it starts anything. Node files a cache under a
    // hash of V8's flags: one made under other flags than those main.ts sets is never read.
    const seen = await compileCacheOf([MAIN], { PORT: 'not-a-port' });
    expect(seen.code).toBe(2);
    expect(seen.accepted).toBeGreaterThan(300);
    expect(seen.missing).toBe(0);
    expect(seen.refused).toBe(0);
  });

  it('should leave the cache off, and create nothing, where the build wrote none', async () => {
    const absent = join(await mkdtemp(join(tmpdir(), 'portcullis-no-cache-')), 'compile-cache');
    const script = `
      require(${JSON.stringify(join(DIST, 'apps/api/src/common/runtime.js'))}).prepareRuntime(${JSON.stringify(DIST)}, { compileCache: ${JSON.stringify(absent)} });
      require(${JSON.stringify(join(DIST, 'apps/api/src/bootstrap.js'))});
      console.log(JSON.stringify({ dir: require('node:module').getCompileCacheDir() ?? null }));`;
    const seen = await compileCacheOf(['-e', script]);
    expect(seen.code).toBe(0);
    expect(JSON.parse(seen.stdout.trim().split('\n').at(-1)!)).toEqual({ dir: null });
    expect(seen).toMatchObject({ accepted: 0, missing: 0, refused: 0 });
    expect(existsSync(absent)).toBe(false);
  });
});
