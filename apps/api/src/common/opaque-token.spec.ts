import { OpaqueToken } from './opaque-token';

describe('OpaqueToken', () => {
  const kind = new OpaqueToken('pcx_');

  it('should generate distinct tokens of 256 random bits behind the prefix', () => {
    const [a, b] = [kind.generate(), kind.generate()];
    expect(a).toMatch(/^pcx_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(kind.accepts(a)).toBe(true);
  });

  it.each([
    ['another prefix', 'pcy_abc'],
    ['no prefix', 'abc'],
    ['a string longer than any issued', `pcx_${'a'.repeat(125)}`],
  ])('should not accept %s', (_, token) => {
    expect(kind.accepts(token)).toBe(false);
  });

  it('should hash to the hex SHA-256, the same every time', () => {
    expect(OpaqueToken.hash('pcx_a')).toBe(OpaqueToken.hash('pcx_a'));
    expect(OpaqueToken.hash('pcx_a')).not.toBe(OpaqueToken.hash('pcx_b'));
    expect(OpaqueToken.hash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
