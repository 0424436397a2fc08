// The bare crawler, the floor of the crawl measure: the HTTP requests Portcullis's first crawl
// makes (the catalog a page of 1,000 at a time, then per repository its tags, a HEAD per tag, the
// manifest and the image's config) to the same registry at the same concurrency, over kept-alive
// connections, with no database and nothing stored. One token per repository, signed here with
// Portcullis's key, as a pulling client holds one.
import { Agent, request } from 'undici';
import { registryTokenSigner } from './jwt.mjs';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** Crawls `registryUrl` (service `service`) once; resolves with the time taken and what was read. */
export async function bareCrawl({ registryUrl, service, key, concurrency }) {
  const sign = registryTokenSigner(key, 60);
  const dispatcher = new Agent();
  const started = performance.now();
  const get = async (path, token, method = 'GET', accept) => {
    const response = await request(`${registryUrl}${path}`, {
      method,
      dispatcher,
      headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
      // Kept alive after a HEAD too (undici closes by default), as Portcullis's client does.
      reset: false,
    });
    if (response.statusCode !== 200) throw new Error(`${method} ${path}: ${response.statusCode}`);
    if (method === 'HEAD') {
      await response.body.dump();
      return { headers: response.headers };
    }
    return { body: await response.body.json(), headers: response.headers };
  };
  try {
    const catalog = [{ type: 'registry', name: 'catalog', actions: ['*'] }];
    const names = [];
    for (let path = '/v2/_catalog?n=1000'; path !== undefined;) {
      const { body, headers } = await get(path, sign('bench-crawler', service, catalog));
      if (body.repositories.length === 0) break;
      names.push(...body.repositories);
      path = /<([^>]+)>/.exec(headers.link ?? '')?.[1];
    }
    let next = 0;
    let manifests = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++];
        const token = sign('bench-crawler', service, [{ type: 'repository', name, actions: ['pull'] }]);
        const { body } = await get(`/v2/${name}/tags/list`, token);
        for (const tag of body.tags ?? []) {
          const { headers } = await get(`/v2/${name}/manifests/${tag}`, token, 'HEAD', MANIFEST_TYPES);
          const manifest = await get(
            `/v2/${name}/manifests/${headers['docker-content-digest']}`,
            token,
            'GET',
            MANIFEST_TYPES,
          );
          if (manifest.body.config?.digest) await get(`/v2/${name}/blobs/${manifest.body.config.digest}`, token);
          manifests++;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ms: performance.now() - started, repositories: names.length, manifests };
  } finally {
    await dispatcher.close();
  }
}
