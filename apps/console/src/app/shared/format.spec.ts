import { formatBytes, platformName, shortDigest } from './format';

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1_536_000, '1.5 MB'],
    [3_200_000_000, '3.2 GB'],
    [5e15, '5000.0 TB'],
  ])('formatBytes(%d) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('should shorten digests, leaving what is not one alone', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab');
    expect(shortDigest('latest')).toBe('latest');
  });

  it('should name platforms as docker does', () => {
    expect(platformName({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64/v8');
    expect(platformName({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
  });
});
