import { containsUnacceptableText, decodedPath, isApiRequest, urlHasNul } from './edge';

describe('edge checks', () => {
  it.each([
    ['/api/v1/auth/login', true],
    ['/%61pi/v1/auth/login', true],
    ['/%61%70%69/v1/users?q=x', true],
    ['/token?service=x', false],
    ['/apix/v1', false],
    ['/%E0%A4%A/api/', false],
  ])('should tell whether %s goes to the API', (url, api) => {
    expect(isApiRequest(url)).toBe(api);
  });

  it('should keep an undecodable path as sent', () => {
    expect(decodedPath('/%E0%A4%A/x?y')).toBe('/%E0%A4%A/x');
  });

  it.each([
    ['/api/v1/users?q=a%00b', true],
    ['/api/v1/users/%00', true],
    ['/api/v1/users?q=a\u0000', true],
    ['/api/v1/users?q=%2500', false],
  ])('should find a NUL in %j: %j', (url, nul) => {
    expect(urlHasNul(url)).toBe(nul);
  });

  it.each([
    [{ a: 'x\u0000' }, true],
    [{ 'k\u0000': 1 }, true],
    [['ok', ['\ud800']], true],
    [{ a: 'ok', b: [1, null, { c: 'fine ✓ 😀' }] }, false],
    ['plain', false],
    [42, false],
  ])('should judge %j', (value, bad) => {
    expect(containsUnacceptableText(value)).toBe(bad);
  });

  it('should refuse a body nested deeper than any request is', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(containsUnacceptableText(deep)).toBe(true);
  });
});
