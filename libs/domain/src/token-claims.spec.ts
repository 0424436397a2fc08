import { AccessGrant } from './access-decision';
import { buildRegistryClaims } from './token-claims';

const grant = (over: Partial<AccessGrant>): AccessGrant => ({
  type: 'repository',
  name: 'a',
  requested: ['pull'],
  granted: ['pull'],
  clause: 'test',
  decisions: [],
  ...over,
});

describe('buildRegistryClaims', () => {
  const base = {
    issuer: 'portcullis',
    subject: 'alice',
    service: 'registry.test:5000',
    now: 1_700_000_000_987,
    ttlSeconds: 300,
    jwtId: 'j-1',
    grants: [] as AccessGrant[],
  };

  it.each([
    ['iss', 'portcullis'],
    ['sub', 'alice'],
    // distribution 2.8 decodes aud into a Go string: an array would be a malformed token.
    ['aud', 'registry.test:5000'],
    // Times are integer seconds (Go int64), never fractions: the milliseconds are dropped.
    ['iat', 1_700_000_000],
    ['nbf', 1_700_000_000],
    ['exp', 1_700_000_300],
    ['jti', 'j-1'],
  ] as const)('should set %s', (claim, value) => {
    expect(buildRegistryClaims(base)[claim]).toStrictEqual(value);
  });

  it('should keep every time an integer', () => {
    const claims = buildRegistryClaims({ ...base, now: 1_700_000_000_999.5, ttlSeconds: 60.7 });
    for (const t of [claims.iat, claims.nbf, claims.exp]) expect(Number.isInteger(t)).toBe(true);
  });

  it('should give a login (no scope) an empty access list', () => {
    expect(buildRegistryClaims(base).access).toEqual([]);
  });

  it.each([
    [grant({}), { type: 'repository', name: 'a', actions: ['pull'] }],
    [grant({ granted: [] }), { type: 'repository', name: 'a', actions: [] }],
    [grant({ class: 'plugin' }), { type: 'repository', class: 'plugin', name: 'a', actions: ['pull'] }],
    [
      grant({ type: 'registry', name: 'catalog', granted: ['*'] }),
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ],
  ])('should shape the access entry of %o', (input, expected) => {
    expect(buildRegistryClaims({ ...base, grants: [input] }).access).toStrictEqual([expected]);
  });

  it('should emit exactly the registry claim set', () => {
    expect(Object.keys(buildRegistryClaims(base)).sort()).toEqual([
      'access',
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'nbf',
      'sub',
    ]);
  });
});
