import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Resolves the packages `scripts/build-vendor.mjs` bundled (listed in `<dir>/manifest.json`) to
 * their one-file bundles, for every importer, before anything imports them. Without a manifest
 * (the server run from its sources, a build without bundles) nothing changes.
 *
 * Written by hand: a resolve hook of a few lines (Node's `module.registerHooks`) is all it takes.
 */
export function useVendorBundles(dir: string): void {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return;
  const bundles = new Map<string, { url: string; format: 'module' | 'commonjs' }>();
  const listed = JSON.parse(readFileSync(manifest, 'utf8')) as Record<
    string,
    { file: string; format: 'module' | 'commonjs' }
  >;
  for (const [specifier, { file, format }] of Object.entries(listed)) {
    bundles.set(specifier, { url: pathToFileURL(join(dir, file)).href, format });
  }
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const bundle = bundles.get(specifier);
      return bundle === undefined ? nextResolve(specifier, context) : { ...bundle, shortCircuit: true };
    },
  });
}
