import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

/**
 * Node's module compile cache (V8's code cache of every module the server loads) from `dir`, which
 * the build writes beside the compiled server (`scripts/warm-compile-cache.mjs`); without it (the
 * server run from its sources, a build without it) nothing changes: the server does not create it,
 * so the only code it runs is code the build wrote. Portable: the image builds in one folder and
 * runs in another. `NODE_DISABLE_COMPILE_CACHE=1` turns it off.
 */
export function useCompileCache(dir: string): void {
  if (existsSync(dir)) enableCompileCache({ directory: dir, portable: true });
}
