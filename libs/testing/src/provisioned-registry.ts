import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent } from 'undici';
import { REGISTRY_BINARY } from './registry-server';

const run = promisify(execFile);

/** Debian's nginx (in /usr/sbin, which a user's PATH may lack). */
export const NGINX_BINARY =
  process.env.PORTCULLIS_TEST_NGINX ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

/** A registry and its nginx front, running from a provisioned directory. */
export interface ProvisionedRegistry {
  /** Requests through the front, trusting its certificate as the directory's README says. */
  front(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts the registry and nginx of a provisioned directory exactly as its README says
 * (`docker-registry serve <dir>/config.yml`, `nginx -p <dir> -c nginx.conf`), and waits until the
 * front answers on `service` (the registry's `host:port`). The registry logs to `registry.log`.
 * `nginx: false`: the registry only, behind the nginx of another directory its server was linked
 * into (`provision --front-dir`), which must be running.
 */
export async function runProvisioned(
  dir: string,
  service: string,
  options: { nginx?: boolean } = {},
): Promise<ProvisionedRegistry> {
  const nginx = options.nginx ?? true;
  const log = createWriteStream(join(dir, 'registry.log'));
  const registry = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  registry.stdout.pipe(log);
  registry.stderr.pipe(log);
  const trusted = new Agent({ connect: { ca: await readFile(join(dir, 'tls/server.crt'), 'utf8') } });
  const stop = async () => {
    if (nginx) await run(NGINX_BINARY, ['-p', dir, '-c', 'nginx.conf', '-s', 'stop']).catch(() => undefined);
    registry.kill('SIGTERM');
    await trusted.close();
  };
  const front = (path: string, init: RequestInit = {}) =>
    fetch(`https://${service}${path}`, { ...init, dispatcher: trusted });
  try {
    if (nginx) await run(NGINX_BINARY, ['-p', dir, '-c', 'nginx.conf']);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if ((await front('/v2/').catch(() => undefined))?.status === 401) break;
      if (registry.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the provisioned registry does not answer; see ${dir}/registry.log and ${dir}/logs`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { front, stop };
}
