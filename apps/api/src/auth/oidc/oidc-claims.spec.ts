import { accountOfClaims, groupsOfClaim } from './oidc-claims';

const config = {
  nameClaim: 'preferred_username',
  emailClaim: 'email',
  groupsClaim: 'groups',
  groupPattern: undefined,
  privileges: ['DockerRegistriesPuller' as const],
};

describe('accountOfClaims', () => {
  it('should read the subject, name, e-mail and groups', () => {
    expect(
      accountOfClaims(
        { sub: 'u-1', preferred_username: 'Alice.Smith', email: 'alice@example.org', groups: ['Platform Team', 'ops'] },
        config,
      ),
    ).toEqual({
      externalId: 'u-1',
      name: 'alice.smith',
      email: 'alice@example.org',
      groups: ['ops', 'platform-team'],
      privileges: ['DockerRegistriesPuller'],
    });
  });

  it('should use the configured claims', () => {
    const account = accountOfClaims(
      { sub: 's', upn: 'bob', mail: 'bob@example.org', roles: 'dev' },
      { ...config, nameClaim: 'upn', emailClaim: 'mail', groupsClaim: 'roles' },
    );
    expect(account).toMatchObject({ name: 'bob', email: 'bob@example.org', groups: ['dev'] });
  });

  it('should refuse claims without a subject or a usable name', () => {
    expect(accountOfClaims({ preferred_username: 'a' }, config)).toEqual({
      failure: 'the ID token has no usable sub claim',
    });
    expect(accountOfClaims({ sub: 's', preferred_username: '***' }, config)).toEqual({
      failure: "the provider's preferred_username claim gives no usable user name",
    });
    expect(accountOfClaims({ sub: 's', preferred_username: 42 }, config)).toHaveProperty('failure');
    // All digits: users/<id>/ would be another user's.
    expect(accountOfClaims({ sub: 's', preferred_username: '1024' }, config)).toHaveProperty('failure');
  });

  it('should leave out an e-mail that is not a short string', () => {
    expect(accountOfClaims({ sub: 's', preferred_username: 'a', email: ['x'] }, config)).toMatchObject({ email: null });
  });
});

describe('groupsOfClaim', () => {
  it('should keep the groups the pattern names, as valid names, once each', () => {
    expect(groupsOfClaim(['dev', 'Dev', 'ops', 'admins', 7], /^(?:dev|Dev|ops)$/)).toEqual(['dev', 'ops']);
    expect(groupsOfClaim(undefined, undefined)).toEqual([]);
    expect(groupsOfClaim({ not: 'a list' }, undefined)).toEqual([]);
    expect(groupsOfClaim(['1', '007', 'team-1'], undefined)).toEqual(['team-1']);
  });
});
