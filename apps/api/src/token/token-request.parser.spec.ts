import { parseBasicAuthorization, parseGetTokenRequest, parsePostTokenRequest } from './token-request.parser';
import { TokenError } from './token.error';

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';

function errorOf(fn: () => unknown): TokenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('parseBasicAuthorization', () => {
  it.each([
    [undefined, { kind: 'anonymous' }],
    ['', { kind: 'anonymous' }],
    // docker search sends an empty pair when nobody is logged in.
    ['Basic Og==', { kind: 'anonymous' }],
    [basic('alice:s3cret'), { kind: 'password', username: 'alice', password: 's3cret' }],
    [basic('alice:pa:ss'), { kind: 'password', username: 'alice', password: 'pa:ss' }],
    [basic('élise:pässword'), { kind: 'password', username: 'élise', password: 'pässword' }],
    [`basic ${Buffer.from('a:b').toString('base64')}`, { kind: 'password', username: 'a', password: 'b' }],
    // containerd's GET fallback with an identity token: empty user, token as password.
    [basic(':pcr_abc'), { kind: 'refresh_token', token: 'pcr_abc' }],
  ])('should read %j', (header, expected) => {
    expect(parseBasicAuthorization(header)).toEqual(expected);
  });

  it.each([
    ['Bearer abc', 400],
    ['Basic', 400],
    ['Basic !!!!', 400],
    ['Basic YWJj', 400], // "abc": no colon
    ['Basic YWI', 400], // bad padding
    [`Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`, 400], // not UTF-8
    [basic(`${'u'.repeat(256)}:p`), 400],
    [basic(`u:${'p'.repeat(4097)}`), 400],
    [basic('alice:'), 401],
  ])('should refuse %j with %i', (header, status) => {
    expect(errorOf(() => parseBasicAuthorization(header)).status).toBe(status);
  });
});

describe('parseGetTokenRequest', () => {
  it('should read a docker login request', () => {
    const request = parseGetTokenRequest({
      query: { account: 'alice', client_id: 'docker', offline_token: 'true', service: 'registry.test' },
      authorization: basic('alice:pw'),
    });
    expect(request).toEqual({
      service: 'registry.test',
      scopes: [],
      scopeKey: '',
      credentials: { kind: 'password', username: 'alice', password: 'pw' },
      offline: true,
      clientId: 'docker',
    });
  });

  it('should read repeated scopes', () => {
    const request = parseGetTokenRequest({
      query: { service: 's', scope: ['repository:a:pull', 'repository:b:pull,push'] },
    });
    expect(request.scopes.map((s) => s.name)).toEqual(['a', 'b']);
    expect(request.credentials).toEqual({ kind: 'anonymous' });
    expect(request.offline).toBe(false);
  });

  it('should key scopes so that equal keys ask for equal scopes, however they were sent', () => {
    const repeated = parseGetTokenRequest({
      query: { service: 's', scope: ['repository:a:pull', 'repository:b:push'] },
    });
    const joined = parseGetTokenRequest({ query: { service: 's', scope: 'repository:a:pull repository:b:push' } });
    const other = parseGetTokenRequest({ query: { service: 's', scope: 'repository:a:pull,push repository:b:push' } });
    expect(joined.scopeKey).toBe(repeated.scopeKey);
    expect(joined.scopes).toEqual(repeated.scopes);
    expect(other.scopeKey).not.toBe(repeated.scopeKey);
  });

  it.each([
    [{}, 'INVALID_REQUEST'],
    [{ service: '' }, 'INVALID_REQUEST'],
    [{ service: ['a', 'b'] }, 'INVALID_REQUEST'],
    [{ service: 's', scope: 'repository:a' }, 'INVALID_SCOPE'],
    [{ service: 's', scope: 'repository:a:pull repository:B:pull' }, 'INVALID_SCOPE'],
    [{ service: 's', account: 'mallory' }, 'INVALID_REQUEST'],
  ])('should refuse the query %j with %s', (query, code) => {
    const error = errorOf(() => parseGetTokenRequest({ query }));
    expect([error.status, error.code]).toEqual([400, code]);
  });

  it('should refuse an account that differs from the Basic user', () => {
    const error = errorOf(() =>
      parseGetTokenRequest({ query: { service: 's', account: 'admin' }, authorization: basic('alice:pw') }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/account/);
  });
});

describe('parsePostTokenRequest', () => {
  it('should read a password grant with a space-joined scope', () => {
    const request = parsePostTokenRequest({
      contentType: `${FORM}; charset=utf-8`,
      query: {},
      body: {
        grant_type: 'password',
        username: 'alice',
        password: 'pw',
        service: 's',
        client_id: 'containerd-client',
        scope: 'repository:a:pull repository:b:push',
        access_type: 'offline',
      },
    });
    expect(request.credentials).toEqual({ kind: 'password', username: 'alice', password: 'pw' });
    expect(request.scopes.map((s) => s.name)).toEqual(['a', 'b']);
    expect(request.offline).toBe(true);
    expect(request.clientId).toBe('containerd-client');
  });

  it('should read a refresh grant with repeated scope fields (containers/image)', () => {
    const request = parsePostTokenRequest({
      contentType: FORM,
      query: {},
      body: {
        grant_type: 'refresh_token',
        refresh_token: 'pcr_x',
        service: 's',
        scope: ['repository:a:pull', 'repository:b:pull'],
      },
    });
    expect(request.credentials).toEqual({ kind: 'refresh_token', token: 'pcr_x' });
    expect(request.scopes).toHaveLength(2);
  });

  it.each([
    ['application/json', { grant_type: 'password' }, 'INVALID_REQUEST'],
    [undefined, {}, 'INVALID_REQUEST'],
    [FORM, Buffer.from('x'), 'INVALID_REQUEST'],
    [FORM, { service: 's' }, 'INVALID_REQUEST'],
    [FORM, { grant_type: 'authorization_code', service: 's' }, 'UNSUPPORTED_GRANT_TYPE'],
    [FORM, { grant_type: 'client_credentials', service: 's' }, 'UNSUPPORTED_GRANT_TYPE'],
    [FORM, { grant_type: 'password', service: 's', username: 'a' }, 'INVALID_REQUEST'],
    [FORM, { grant_type: 'password', service: 's', password: 'p' }, 'INVALID_REQUEST'],
    [FORM, { grant_type: 'refresh_token', service: 's' }, 'INVALID_REQUEST'],
    [FORM, { grant_type: 'password', username: 'a', password: 'p' }, 'INVALID_REQUEST'],
    [FORM, { grant_type: 'password', service: 's', username: 'a', password: 'p', scope: 'x' }, 'INVALID_SCOPE'],
  ])('should refuse %s %j with %s', (contentType, body, code) => {
    const error = errorOf(() => parsePostTokenRequest({ contentType, query: {}, body }));
    expect([error.status, error.code]).toEqual([400, code]);
  });
});
