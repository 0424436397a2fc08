import { parse } from 'yaml';
import { DEFAULT_LAYOUT, endpointOf, renderNginxConfig, renderRegistryConfig } from './registry-files';

const input = {
  ...DEFAULT_LAYOUT,
  service: 'registry.test:5002',
  publicUrl: 'https://auth.test',
  issuer: 'portcullis',
  notificationSecret: '1.secret',
  discoveryKey: 'key',
};

describe('registry files', () => {
  it.each([
    ['registry.test:5002', { host: 'registry.test', port: 5002 }],
    ['registry.test', { host: 'registry.test', port: 443 }],
    ['[::1]:5002', { host: '[::1]', port: 5002 }],
    ['10.0.0.7', { host: '10.0.0.7', port: 443 }],
  ])('should find host and port in %s', (service, endpoint) => {
    expect(endpointOf(service)).toEqual(endpoint);
  });

  it("should listen with TLS on the service's own port and name, and keep the port in Host", () => {
    const conf = renderNginxConfig(input);
    expect(conf).toContain('listen 5002 ssl;');
    expect(conf).toContain('server_name registry.test;');
    expect(conf).toContain('proxy_set_header Host $http_host;');
    expect(conf).toContain('proxy_set_header X-Portcullis-Registry registry.test:5002;');
    expect(conf).toContain('proxy_pass http://127.0.0.1:5000;');
  });

  it('should write a config.yml on loopback, with the chosen storage, that logs no secret', () => {
    const config = parse(renderRegistryConfig({ ...input, storage: '/var/lib/docker-registry' })) as Record<
      string,
      Record<string, unknown>
    >;
    expect(config.log).toEqual({ level: 'warn' });
    expect(config.http).toMatchObject({ addr: '127.0.0.1:5000' });
    expect(config.storage).toMatchObject({ filesystem: { rootdirectory: '/var/lib/docker-registry' } });
    expect(config.auth).toMatchObject({ token: { rootcertbundle: '/etc/docker/registry/portcullis.pem' } });
    expect(config.proxy).toBeUndefined();
  });

  it('should make a pull-through cache of an upstream registry when asked', () => {
    const config = parse(
      renderRegistryConfig({ ...input, proxy: { remoteUrl: 'https://upstream.test', username: 'u', password: 'p' } }),
    ) as Record<string, unknown>;
    expect(config.proxy).toEqual({ remoteurl: 'https://upstream.test', username: 'u', password: 'p' });
  });
});
