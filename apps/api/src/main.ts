import { join } from 'node:path';
import { prepareRuntime } from './common/runtime';

// Before anything else is loaded: the runtime the build prepared (common/runtime.ts: WebAssembly's
// tier, the compile cache, the vendor bundles; in the build, this file is in
// dist/apps/api/apps/api/src/); then the server is loaded and started.
prepareRuntime(join(__dirname, '../../..'));
import('./server.js').then(
  ({ main }) =>
    main().catch((error: unknown) => {
      process.stderr.write(`Portcullis failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }),
  (error: unknown) => {
    process.stderr.write(`Portcullis failed to load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
