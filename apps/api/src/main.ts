import { join } from 'node:path';
import { useCompileCache } from './common/compile-cache';
import { useVendorBundles } from './common/vendor-bundles';
import { keepWasmInBaselineTier } from './common/wasm-tiering';

// Before anything else is loaded: WebAssembly kept in its baseline tier (common/wasm-tiering.ts), the
// compile cache the build wrote, and the one-file bundles of scripts/build-vendor.mjs in place of
// their packages (in the build, this file is in dist/apps/api/apps/api/src/, the two in
// dist/apps/api/); then the server is loaded and started.
keepWasmInBaselineTier();
useCompileCache(join(__dirname, '../../../compile-cache'));
useVendorBundles(join(__dirname, '../../../vendor'));
import('./server.js').catch((error: unknown) => {
  process.stderr.write(`Portcullis failed to load: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
