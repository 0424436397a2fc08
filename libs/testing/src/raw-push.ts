import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OciImage } from './oci-image';

/**
 * Pushes an OCI layout image with the registry's HTTP API and a bearer token obtained beforehand:
 * for writing to a registry while its token server is down.
 */
export async function pushWithToken(
  registryUrl: string,
  repository: string,
  tag: string,
  image: OciImage,
  token: string,
): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const blob = (digest: string) => readFile(join(image.dir, 'blobs', 'sha256', digest.slice('sha256:'.length)));
  const manifest = JSON.parse((await blob(image.manifestDigest)).toString('utf8')) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  for (const digest of [manifest.config.digest, ...manifest.layers.map((l) => l.digest)]) {
    const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: auth });
    if (start.status !== 202) throw new Error(`upload of ${digest} refused: ${start.status}`);
    const location = new URL(start.headers.get('location')!, registryUrl);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: await blob(digest),
    });
    if (put.status !== 201) throw new Error(`upload of ${digest} failed: ${put.status}`);
  }
  const put = await fetch(`${registryUrl}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: await blob(image.manifestDigest),
  });
  if (put.status !== 201) throw new Error(`manifest push failed: ${put.status} ${await put.text()}`);
}
