import { existsSync } from 'node:fs';
import { constants, enableCompileCache } from 'node:module';

/**
 * Node's module compile cache (V8's code cache of every module the server loads) from `dir`, which
 * the build writes beside the compiled server (`scripts/warm-compile-cache.mjs`, with `create`);
 * without it (the server run from its sources, a build without it) nothing changes: the server does
 * not create it, so the only code it runs is code the build wrote. Portable: the image builds in one
 * folder and runs in another. `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Called by
 * prepareRuntime (runtime.ts), after every V8 flag the server sets itself.
 */
export function useCompileCache(dir: string, { create }: { create: boolean } = { create: false }): void {
  if (!create && !existsSync(dir)) return;
  const result = enableCompileCache({ directory: dir, portable: true });
  if (create && result.status !== constants.compileCacheStatus.ENABLED) {
    throw new Error(`The compile cache could not be enabled in ${dir}: ${result.message ?? String(result.status)}`);
  }
}
