#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DEFAULT_URL = process.env.PORTCULLIS_URL ?? 'http://localhost:8080';

/** The version in Portcullis's package.json, found above this file in the source or build tree. */
function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'portcullis' && manifest.version) return manifest.version;
    } catch {
      // not here; look higher
    }
  }
  return 'unknown';
}

/** Exit codes: 0 success, 1 the server said no or is unwell, 2 usage error, 3 unreachable. */
async function status(url: string, json: boolean): Promise<number> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/health', url), { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Portcullis at ${url} is unreachable: ${reason}\n`);
    return 3;
  }
  const certs = response.ok ? await fetch(new URL('/token/certs', url)).then((r) => r.text()) : '';
  const keys = (certs.match(/BEGIN CERTIFICATE/g) ?? []).length;
  const result = {
    url,
    healthy: response.ok,
    status: response.status,
    publishedKeys: keys,
    realm: new URL('/token', url).href,
  };
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`${result.healthy ? 'healthy' : 'unhealthy'} (${result.status})  ${url}\n`);
    process.stdout.write(`token realm      ${result.realm}\npublished keys   ${keys}\n`);
  }
  return response.ok ? 0 : 1;
}

const program = new Command()
  .name('portcullis')
  .description('Command line for Portcullis, the access-control server for private Docker registries.')
  .version(version())
  .option('--url <url>', 'Portcullis server URL (env PORTCULLIS_URL)', DEFAULT_URL)
  .option('--json', 'machine-readable output');

program
  .command('status')
  .description('check that a Portcullis server answers and show its token realm')
  .action(async () => {
    const options = program.opts<{ url: string; json?: boolean }>();
    process.exitCode = await status(options.url, options.json === true);
  });

program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : 2);
});

void program.parseAsync(process.argv);
