// The real registry for the crawl benchmark (Debian's docker-registry, token auth against the
// Portcullis under test), and fast ways to fill it: one image's blobs uploaded once, then
// cross-repository mounts and a manifest per repository; or, for tens of thousands, one
// repository pushed and its storage entries copied.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The name of the `i`th repository a fill creates. */
export const benchRepository = (i) => `bench/r-${String(i).padStart(5, '0')}`;
const sha256 = (data) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/**
 * Starts the registry on `dir`'s storage (again on the same content when started anew). With
 * `auth: false` it asks for no token (to fill it before Portcullis knows it); `notifications` is
 * the section of the config.yml Portcullis generates.
 */
export async function startRegistry(portcullisUrl, port, dir, { auth = true, notifications } = {}) {
  await mkdir(join(dir, 'storage'), { recursive: true });
  const host = `localhost:${port}`;
  await writeFile(join(dir, 'certs.pem'), await (await fetch(`${portcullisUrl}/token/certs`)).text());
  // JSON is YAML.
  const config = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'storage') }, delete: { enabled: true } },
    http: { addr: `127.0.0.1:${port}`, secret: 'portcullis-bench' },
    ...(auth
      ? {
          auth: {
            token: {
              realm: `${portcullisUrl}/token`,
              service: host,
              issuer: 'portcullis',
              rootcertbundle: join(dir, 'certs.pem'),
            },
          },
        }
      : {}),
    ...(notifications ? { notifications } : {}),
  };
  await writeFile(join(dir, 'config.yml'), JSON.stringify(config));
  const child = spawn(
    process.env.PORTCULLIS_TEST_REGISTRY_BINARY ?? 'docker-registry',
    ['serve', join(dir, 'config.yml')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(join(dir, 'registry.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited; see ${dir}/registry.log`);
    const status = await fetch(`http://${host}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === (auth ? 401 : 200)) break;
    if (Date.now() > deadline) throw new Error(`docker-registry did not answer; see ${dir}/registry.log`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    url: `http://${host}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

async function tokenFor(portcullisUrl, registry, authorization, scopes) {
  const query = scopes.map((s) => `scope=${encodeURIComponent(s)}`).join('&');
  const response = await fetch(`${portcullisUrl}/token?service=${encodeURIComponent(registry.host)}&${query}`, {
    headers: { authorization },
  });
  if (response.status !== 200) throw new Error(`token: ${response.status}`);
  return (await response.json()).token;
}

async function expectStatus(response, status, what) {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

async function uploadBlob(registry, name, token, data) {
  const auth = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const started = await expectStatus(
    await fetch(`${registry.url}/v2/${name}/blobs/uploads/`, { method: 'POST', headers: auth }),
    202,
    'upload start',
  );
  const location = new URL(started.headers.get('location'), registry.url);
  location.searchParams.set('digest', sha256(data));
  await expectStatus(
    await fetch(location, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: data,
    }),
    201,
    'upload',
  );
}

/** GETs a manifest as a client pulling it would (a pull the registry notifies). */
export async function pullManifest(portcullisUrl, registry, authorization, name, tag) {
  const token = await tokenFor(portcullisUrl, registry, authorization, [`repository:${name}:pull`]);
  await expectStatus(
    await fetch(`${registry.url}/v2/${name}/manifests/${tag}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.oci.image.manifest.v1+json' },
    }),
    200,
    'pull',
  ).then((response) => response.arrayBuffer());
}

/**
 * Pushes `count` one-tag repositories `bench/r-00000`… sharing one image's blobs; to a registry
 * without auth when `authorization` is undefined.
 */
export async function pushRepositories(portcullisUrl, registry, authorization, count, concurrency = 16) {
  const layer = randomBytes(1024);
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(layer), size: layer.length }],
    }),
  );
  const first = benchRepository(0);
  const names = Array.from({ length: count }, (_, i) => benchRepository(i));
  const push = async (name) => {
    const token =
      authorization === undefined
        ? undefined
        : await tokenFor(portcullisUrl, registry, authorization, [
            `repository:${name}:pull,push`,
            `repository:${first}:pull`,
          ]);
    const auth = token === undefined ? {} : { authorization: `Bearer ${token}` };
    if (name === first) {
      await uploadBlob(registry, name, token, layer);
      await uploadBlob(registry, name, token, config);
    } else {
      for (const blob of [layer, config]) {
        await expectStatus(
          await fetch(`${registry.url}/v2/${name}/blobs/uploads/?mount=${sha256(blob)}&from=${first}`, {
            method: 'POST',
            headers: auth,
          }),
          201,
          'mount',
        );
      }
    }
    await expectStatus(
      await fetch(`${registry.url}/v2/${name}/manifests/latest`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
        body: manifest,
      }),
      201,
      'manifest',
    );
  };
  await push(first);
  let next = 1;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < names.length) await push(names[next++]);
    }),
  );
}

/**
 * Fills the registry (started without auth on `dir`) with `count` one-tag repositories: the first
 * pushed through its API, the others made by copying that repository's entries in the storage
 * (links to content-addressed blobs, which is all a repository is in distribution's filesystem
 * layout), a few seconds for 20,000 where pushing takes minutes. The registry reads its storage
 * at each request, so it serves them at once.
 */
export async function fillRepositories(registry, dir, count, concurrency = 32) {
  await pushRepositories('', registry, undefined, 1);
  const repositories = join(dir, 'storage/docker/registry/v2/repositories');
  const first = join(repositories, benchRepository(0));
  let next = 1;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await cp(first, join(repositories, benchRepository(next++)), { recursive: true });
    }),
  );
}
