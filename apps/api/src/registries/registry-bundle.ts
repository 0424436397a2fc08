import {
  type RegistryFilesInput,
  endpointOf,
  renderNginxConfig,
  renderNginxServer,
  renderRegistryConfig,
  serverFileOf,
} from './registry-files';
import { selfSignedCertificate } from './tls';

/** One entry of a provisioned registry's directory. */
export type BundleEntry =
  | { readonly kind: 'file'; readonly path: string; readonly content: string; readonly mode: number }
  | { readonly kind: 'dir'; readonly path: string; readonly mode: number };

const file = (path: string, content: string, mode = 0o644): BundleEntry => ({ kind: 'file', path, content, mode });
const dir = (path: string): BundleEntry => ({ kind: 'dir', path, mode: 0o755 });

/** The README of a provisioned directory: how to start it, and how clients trust its certificate. */
export function renderProvisionReadme(input: RegistryFilesInput): string {
  const { host, port } = endpointOf(input.service);
  const hostPort = port === 443 ? host : `${host}:${port}`;
  return `# The registry ${input.service}, provisioned by Portcullis

${input.proxy === undefined ? 'A private registry' : `A pull-through cache of ${input.proxy.remoteUrl}`} behind nginx: nginx
answers on ${input.service} with TLS and sends docker search to Portcullis (${input.publicUrl});
the registry listens on ${input.registryListen} only and stores images in ${input.storage}.

## Start it

    mkdir -p ${input.storage}
    docker-registry serve ${input.dir}/config.yml     # Debian's package; the image's binary is \`registry\`
    nginx -p ${input.dir} -c nginx.conf               # stop it with: nginx -p ${input.dir} -c nginx.conf -s stop

## Make clients trust its certificate

\`tls/server.crt\` is self-signed for ${host} (unless provision was given --cert and --key):

    # docker
    mkdir -p /etc/docker/certs.d/${hostPort} && cp ${input.dir}/tls/server.crt /etc/docker/certs.d/${hostPort}/ca.crt
    # podman, skopeo, buildah (or ~/.config/containers/certs.d for one user)
    mkdir -p /etc/containers/certs.d/${hostPort} && cp ${input.dir}/tls/server.crt /etc/containers/certs.d/${hostPort}/ca.crt

Then \`docker login ${hostPort}\` with a Portcullis account, robot or personal access token.

## The files

- \`config.yml\`: the registry's configuration; it holds the notification secret (mode 600).
- \`portcullis.pem\`: the certificates of Portcullis's token signing keys (\`auth.token.rootcertbundle\`);
  after a key rotation, fetch it again from ${input.publicUrl}/token/certs.
- \`nginx.conf\`, \`${serverFileOf(input.service)}\`, \`tls/\`: the front (the server file holds the
  key Portcullis's crawler reads the registry's own catalog with: mode 600); \`logs/\` and \`tmp/\`: nginx's own.

## Several registries behind one nginx

Provision each registry into its own directory (each with its own \`--registry-listen\`), then link
the other registries' server files into this directory's \`servers/\` and reload nginx:

    ln -s /srv/other-registry/servers/*.conf ${input.dir}/servers/
    nginx -p ${input.dir} -c nginx.conf -s reload

(\`portcullis registries provision <registry> --dir <its dir> --front-dir ${input.dir}\` does the link.)

## Search and the catalog

Through this front, \`docker search\`, \`podman search\` and \`GET /v2/_catalog\` show each asker
the repositories they may pull. Once nothing but this front reaches the registry (it listens on
${input.registryListen}), declare it fronted so every signed-in identity may read its filtered catalog:

    portcullis registries set ${input.service} --fronted
`;
}

/**
 * Every file of a provisioned registry, as \`portcullis registries provision\` writes them and
 * GET …/provision archives them: the registry's and nginx's configuration, the front's
 * certificate (self-signed for the service's host unless one is given), the token bundle, a README.
 */
export async function registryBundle(
  input: RegistryFilesInput,
  tokenBundlePem: string,
  tls?: { certPem: string; keyPem: string },
): Promise<BundleEntry[]> {
  const certificate = tls ?? (await selfSignedCertificate(endpointOf(input.service).host));
  return [
    file('README.md', renderProvisionReadme(input)),
    file('config.yml', renderRegistryConfig(input), 0o600),
    file('nginx.conf', renderNginxConfig(input, 'include')),
    dir('servers'),
    file(serverFileOf(input.service), renderNginxServer(input), 0o600),
    file('portcullis.pem', tokenBundlePem),
    dir('tls'),
    file('tls/server.crt', certificate.certPem),
    file('tls/server.key', certificate.keyPem, 0o600),
    dir('logs'),
    dir('tmp'),
  ];
}
