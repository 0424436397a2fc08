import { join } from 'node:path';
import { useVendorBundles } from './common/vendor-bundles';

// Before anything else is loaded, the one-file bundles of scripts/build-vendor.mjs stand in for
// their packages (in the build, this file is in dist/apps/api/apps/api/src/, the bundles in
// dist/apps/api/vendor/); then the server is loaded and started.
useVendorBundles(join(__dirname, '../../../vendor'));
import('./server.js').catch((error: unknown) => {
  process.stderr.write(`Portcullis failed to load: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
