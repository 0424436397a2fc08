import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('configuration was accepted');
}

describe('loadConfig', () => {
  it('should apply the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.token).toMatchObject({ issuer: 'portcullis', ttlSeconds: 300, algorithm: 'ES256', includeX5c: true });
  });

  it('should derive the public URL from the port', () => {
    expect(loadConfig({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ PUBLIC_URL: 'https://auth.example.com/' }).publicUrl).toBe('https://auth.example.com');
  });

  it('should read booleans and numbers', () => {
    const config = loadConfig({ TOKEN_X5C: 'false', TOKEN_TTL: '600', TOKEN_ALGORITHM: 'RS256' });
    expect(config.token).toMatchObject({ includeX5c: false, ttlSeconds: 600, algorithm: 'RS256' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['TOKEN_TTL', '59'],
    ['TOKEN_TTL', '1.5'],
    ['TOKEN_ALGORITHM', 'HS256'],
    ['TOKEN_X5C', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_URL', 'not a url'],
    ['ADMIN_PASSWORD', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'banana'],
    ['AUDIT_RETENTION_DAYS', '0'],
    ['PUBLIC_REGISTRATION', 'perhaps'],
  ])('should name %s when it is %j', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('should read trusted proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('should never print the bad value', () => {
    expect(problemsOf({ ADMIN_PASSWORD: 'secret7' }).join()).not.toContain('secret7');
  });

  it('should want the key and the certificate files together', () => {
    expect(problemsOf({ TOKEN_KEY_FILE: '/k.pem' })[0]).toMatch(/TOKEN_KEY_FILE, TOKEN_CERT_FILE/);
  });

  it('should list every variable in .env.example', () => {
    const example = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});

describe('LDAP configuration', () => {
  const ldap = { LDAP_URL: 'ldap://127.0.0.1:389', LDAP_BASE_DN: 'dc=example,dc=org' };

  it('should be off without LDAP_URL, and on with its defaults with it', () => {
    expect(loadConfig({}).ldap).toBeUndefined();
    expect(loadConfig(ldap).ldap).toMatchObject({
      url: 'ldap://127.0.0.1:389',
      userFilter: '(uid={login})',
      groups: 'memberOf',
      groupBaseDn: 'dc=example,dc=org',
      privileges: [],
      timeoutMs: 3000,
      syncIntervalMs: 3_600_000,
    });
  });

  it('should read the privileges of new directory users and the group pattern', () => {
    const config = loadConfig({
      ...ldap,
      LDAP_PRIVILEGES: 'DockerRegistriesPuller, DockerRegistriesPusher,DockerRegistriesPuller',
      LDAP_GROUP_PATTERN: 'dev|ops',
    }).ldap!;
    expect(config.privileges).toEqual(['DockerRegistriesPuller', 'DockerRegistriesPusher']);
    expect(config.groupPattern?.test('dev')).toBe(true);
    expect(config.groupPattern?.test('devs')).toBe(false);
  });

  it.each([
    [{ LDAP_URL: 'ldap://x' }, 'LDAP_BASE_DN: required with LDAP_URL'],
    [
      { ...ldap, LDAP_URL: 'ldaps://x', LDAP_STARTTLS: 'true' },
      'LDAP_STARTTLS: not with an ldaps:// URL (already TLS)',
    ],
    [{ ...ldap, LDAP_BIND_PASSWORD: 'x' }, 'LDAP_BIND_DN: required with a bind password'],
    [{ ...ldap, LDAP_GROUP_PATTERN: '(' }, 'LDAP_GROUP_PATTERN: not a valid regular expression'],
  ])('should refuse %j', (env, problem) => {
    expect(problemsOf(env)).toContain(problem);
  });

  it.each([
    ['LDAP_URL', 'http://x'],
    ['LDAP_USER_FILTER', '(uid=alice)'],
    ['LDAP_GROUPS', 'nested'],
    ['LDAP_PRIVILEGES', 'Root'],
    ['LDAP_TIMEOUT', '0'],
  ])('should refuse %s=%s', (name, value) => {
    expect(problemsOf({ ...ldap, [name]: value }).join()).toMatch(new RegExp(`^${name}:`));
  });
});

describe('OpenID Connect configuration', () => {
  const oidc = { OIDC_ISSUER: 'https://sso.example.com/realms/corp', OIDC_CLIENT_ID: 'portcullis' };

  it('should be off without an issuer, and derive the redirect URI from PUBLIC_URL', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    const config = loadConfig({ ...oidc, PUBLIC_URL: 'https://auth.example.com', OIDC_SCOPES: 'profile email' }).oidc!;
    expect(config.redirectUri).toBe('https://auth.example.com/api/v1/auth/oidc/callback');
    expect(config.scopes).toBe('profile email openid');
    expect(config).toMatchObject({ nameClaim: 'preferred_username', groupsClaim: 'groups', privileges: [] });
  });

  it.each([
    [{ OIDC_ISSUER: 'https://sso.example.com' }, 'OIDC_CLIENT_ID: required with OIDC_ISSUER'],
    [{ ...oidc, OIDC_ISSUER: 'http://sso.example.com' }, 'OIDC_ISSUER: must be https:// (http:// only on loopback)'],
    [
      { ...oidc, OIDC_CLIENT_SECRET: 'a', OIDC_CLIENT_SECRET_FILE: '/x' },
      'OIDC_CLIENT_SECRET, OIDC_CLIENT_SECRET_FILE: set one or neither',
    ],
    [{ ...oidc, OIDC_GROUP_PATTERN: '[' }, 'OIDC_GROUP_PATTERN: not a valid regular expression'],
  ])('should refuse %j', (env, problem) => {
    expect(problemsOf(env)).toContain(problem);
  });

  it('should take http:// on loopback, for a provider on the same machine', () => {
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer.href).toBe(
      'http://127.0.0.1:9000/',
    );
  });
});
