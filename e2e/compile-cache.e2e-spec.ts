import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NODE_FLAGS } from '../apps/api/src/common/node-flags';

const run = promisify(execFile);
const DIST = join(__dirname, '../dist/apps/api');
const CACHE = join(DIST, 'compile-cache');
const USE = join(DIST, 'apps/api/src/common/compile-cache.js');

/** Loads the server's modules as main.ts does, with the compile cache at `dir`; Node's own account of it. */
async function loadServer(dir: string) {
  const script = `
    require(${JSON.stringify(USE)}).useCompileCache(${JSON.stringify(dir)});
    require(${JSON.stringify(join(DIST, 'apps/api/src/common/vendor-bundles.js'))}).useVendorBundles(${JSON.stringify(join(DIST, 'vendor'))});
    require(${JSON.stringify(join(DIST, 'apps/api/src/bootstrap.js'))});
    console.log(JSON.stringify({ dir: require('node:module').getCompileCacheDir() ?? null }));`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
  delete env.NODE_COMPILE_CACHE;
  const { stdout, stderr } = await run(process.execPath, [...NODE_FLAGS, '-e', script], {
    cwd: join(__dirname, '..'),
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = stderr.split('\n').filter((line) => line.startsWith('[compile cache]'));
  return {
    dir: (JSON.parse(stdout.trim().split('\n').at(-1)!) as { dir: string | null }).dir,
    accepted: lines.filter((line) => / was accepted/.test(line)).length,
    missing: lines.filter((line) => /no such file/.test(line)).length,
    refused: lines.filter((line) => /rejected|mismatch/i.test(line)).length,
  };
}

/**
 * The build writes Node's compile cache of the server beside it (scripts/warm-compile-cache.mjs),
 * which main.ts uses when it is there (apps/api/src/common/compile-cache.ts): V8 then reads the
 * code of the modules the server loads instead of compiling it at every start.
 */
describe('Compile cache', () => {
  it('should give a process loading the server the code of every module it loads, none refused', async () => {
    const seen = await loadServer(CACHE);
    expect(seen.dir).toContain(CACHE);
    expect(seen.accepted).toBeGreaterThan(500);
    expect(seen.missing).toBe(0);
    expect(seen.refused).toBe(0);
  });

  it('should leave the cache off, and create nothing, where the build wrote none', async () => {
    const absent = join(await mkdtemp(join(tmpdir(), 'portcullis-no-cache-')), 'compile-cache');
    const seen = await loadServer(absent);
    expect(seen).toEqual({ dir: null, accepted: 0, missing: 0, refused: 0 });
    expect(existsSync(absent)).toBe(false);
  });
});
