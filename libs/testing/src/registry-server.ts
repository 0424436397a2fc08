import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@portcullis/api';

export const REGISTRY_BINARY = process.env.PORTCULLIS_TEST_REGISTRY_BINARY ?? 'docker-registry';

export interface RegistryServer {
  /** `localhost:<port>`: the registry's host as clients name it, and its token `service`. */
  readonly host: string;
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** The token realm, e.g. `http://localhost:8080/token`. */
  realm: string;
  issuer: string;
  /** PEM bundle for `auth.token.rootcertbundle`. */
  rootCertBundle: string;
  deleteEnabled?: boolean;
  /** A loopback port chosen beforehand (when the service name must be known first). */
  port?: number;
  /** A `notifications` section for the config (e.g. from Portcullis's generated config.yml). */
  notifications?: unknown;
  /** The storage directory of an earlier registry, to start again on the same content. */
  storageDir?: string;
  /** `catalog.maxentries`: the largest catalog page the registry serves (its default: 1000). */
  catalogMaxEntries?: number;
  /** Added to the registry's environment (SSL_CERT_FILE: the CAs it trusts, Go's standard). */
  env?: Record<string, string>;
}

/**
 * Runs Debian's `docker-registry` (distribution 2.8) on a free loopback port with token auth, its
 * storage in a temporary directory. Its log goes to `<dir>/registry.log`.
 */
export async function startRegistry(options: RegistryOptions): Promise<RegistryServer> {
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-registry-'));
  const port = options.port ?? (await freePort());
  const host = `localhost:${port}`;
  await mkdir(join(dir, 'storage'));
  await writeFile(join(dir, 'certs.pem'), options.rootCertBundle);
  // JSON is YAML: no YAML writer needed for a config this small.
  const config = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: options.storageDir ?? join(dir, 'storage') },
      delete: { enabled: options.deleteEnabled ?? true },
    },
    http: { addr: `127.0.0.1:${port}`, secret: 'portcullis-test' },
    auth: {
      token: { realm: options.realm, service: host, issuer: options.issuer, rootcertbundle: join(dir, 'certs.pem') },
    },
    ...(options.notifications === undefined ? {} : { notifications: options.notifications }),
    ...(options.catalogMaxEntries === undefined ? {} : { catalog: { maxentries: options.catalogMaxEntries } }),
  };
  await writeFile(join(dir, 'config.yml'), JSON.stringify(config, null, 2));
  const log = createWriteStream(join(dir, 'registry.log'));
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = once(child, 'exit');

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}); see ${dir}/registry.log`);
    try {
      const response = await fetch(`http://${host}/v2/`);
      if (response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not answer on ${host}; see ${dir}/registry.log`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    url: `http://${host}`,
    dir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** A registry whose token realm is the Portcullis at `portcullisUrl`, trusting its published keys. */
export async function startRegistryBehind(
  portcullisUrl: string,
  options: Partial<RegistryOptions> = {},
): Promise<RegistryServer> {
  return startRegistry({
    realm: `${portcullisUrl}/token`,
    issuer: 'portcullis',
    rootCertBundle: await (await fetch(`${portcullisUrl}/token/certs`)).text(),
    ...options,
  });
}
