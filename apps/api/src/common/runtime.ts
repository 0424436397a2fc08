import { join } from 'node:path';
import { useCompileCache } from './compile-cache';
import { useVendorBundles } from './vendor-bundles';
import { keepWasmInBaselineTier } from './wasm-tiering';

export interface RuntimeOptions {
  /** The compile cache's folder; by default the build's, `<api build>/compile-cache`. */
  readonly compileCache?: string;
  /** Create the compile cache (the build does, scripts/warm-compile-cache.mjs); otherwise it is used only where it exists. */
  readonly createCompileCache?: boolean;
}

/**
 * What the server sets up before it loads anything else, given the API's build folder
 * (dist/apps/api): WebAssembly kept in its baseline tier (wasm-tiering.ts), Node's compile cache
 * (compile-cache.ts), and the one-file bundles of scripts/build-vendor.mjs in place of their
 * packages (vendor-bundles.ts). In that order, and in one place for main.ts and for the build that
 * writes the compile cache: V8 keeps a code cache only for the flags it was made under, and the
 * WebAssembly budget is such a flag (Node files caches by a hash of V8's flags, so a cache written
 * without it is never even read: that happened, and the server compiled every module at each start).
 */
export function prepareRuntime(apiBuild: string, options: RuntimeOptions = {}): void {
  keepWasmInBaselineTier();
  useCompileCache(options.compileCache ?? join(apiBuild, 'compile-cache'), {
    create: options.createCompileCache ?? false,
  });
  useVendorBundles(join(apiBuild, 'vendor'));
}
