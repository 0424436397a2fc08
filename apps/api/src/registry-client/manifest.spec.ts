import { describeManifest, withConfig } from './manifest';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

describe('describeManifest', () => {
  it('should sum an image manifest, its config and its layers', () => {
    const description = describeManifest(OCI_MANIFEST, 400, {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 100 },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: 'sha256:l1', size: 1000 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: 'sha256:l2', size: 24 },
      ],
    });
    expect(description).toMatchObject({ mediaType: OCI_MANIFEST, size: 1524, configDigest: 'sha256:c', platforms: [] });
    expect(description.layers.map((l) => l.digest)).toEqual(['sha256:l1', 'sha256:l2']);
  });

  it.each([OCI_INDEX, DOCKER_LIST])('should list the platforms of an index (%s)', (mediaType) => {
    const description = describeManifest(mediaType, 300, {
      manifests: [
        { digest: 'sha256:a', size: 500, platform: { os: 'linux', architecture: 'amd64' } },
        { digest: 'sha256:b', size: 600, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
    expect(description.size).toBe(1400);
    expect(description.platforms).toEqual([
      { os: 'linux', architecture: 'amd64', digest: 'sha256:a' },
      { os: 'linux', architecture: 'arm64', variant: 'v8', digest: 'sha256:b' },
    ]);
    expect(description.configDigest).toBeUndefined();
  });

  it.each([
    ['an unknown media type', 'application/x-strange', { foo: 1 }],
    ['layers that are not a list', OCI_MANIFEST, { layers: 'many', config: 7 }],
    ['sizes that are not numbers', OCI_MANIFEST, { layers: [{ size: '9', digest: 5 }], config: { size: -3 } }],
    ['platforms of the wrong type', OCI_INDEX, { manifests: [{ platform: 'linux' }, 4, null] }],
  ])('should describe %s without failing', (_, mediaType, body) => {
    const description = describeManifest(mediaType, 10, body);
    expect(description.size).toBeGreaterThanOrEqual(10);
    expect(Number.isFinite(description.size)).toBe(true);
  });
});

describe('withConfig', () => {
  it('should take creation time, platform and history from the config', () => {
    const base = describeManifest(OCI_MANIFEST, 10, { config: { digest: 'sha256:c', size: 1 }, layers: [] });
    const described = withConfig(base, {
      created: '2026-01-01T00:00:00Z',
      os: 'linux',
      architecture: 'amd64',
      history: [{ created: '2026-01-01T00:00:00Z', created_by: '/bin/sh -c make', empty_layer: true }, 'junk'],
    });
    expect(described.created?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(described.platforms).toEqual([{ os: 'linux', architecture: 'amd64', digest: '' }]);
    expect(described.history).toEqual([
      { created: '2026-01-01T00:00:00Z', created_by: '/bin/sh -c make', empty_layer: true },
    ]);
  });

  it('should ignore an unreadable creation time', () => {
    const base = describeManifest(OCI_MANIFEST, 10, {});
    expect(withConfig(base, { created: 'yesterday' }).created).toBeNull();
  });
});
