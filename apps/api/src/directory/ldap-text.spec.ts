import { allValues, filterOf, firstRdnValue, firstValue } from './ldap-text';

describe('filterOf', () => {
  it('should put the escaped login and DN in their places', () => {
    expect(filterOf('(uid={login})', { login: 'alice' })).toBe('(uid=alice)');
    expect(filterOf('(|(member={dn})(memberUid={login}))', { login: 'bob', dn: 'uid=bob,dc=example' })).toBe(
      '(|(member=uid=bob,dc=example)(memberUid=bob))',
    );
  });

  it('should escape what would change the filter', () => {
    expect(filterOf('(uid={login})', { login: '*' })).toBe('(uid=\\2a)');
    expect(filterOf('(uid={login})', { login: 'a)(uid=*' })).toBe('(uid=a\\29\\28uid=\\2a)');
    expect(filterOf('(uid={login})', { login: 'back\\slash' })).toBe('(uid=back\\5cslash)');
    expect(filterOf('(uid={login})', { login: 'nul\u0000' })).toBe('(uid=nul\\00)');
  });
});

describe('firstRdnValue', () => {
  it('should read the first RDN of a DN naming the attribute', () => {
    expect(firstRdnValue('cn=devs,ou=groups,dc=example,dc=org', 'cn')).toBe('devs');
    expect(firstRdnValue('CN=Domain Users,CN=Users,DC=corp', 'cn')).toBe('Domain Users');
  });

  it('should undo escapes', () => {
    expect(firstRdnValue('cn=Devs\\, EU,ou=groups', 'cn')).toBe('Devs, EU');
    expect(firstRdnValue('cn=a\\+b,ou=groups', 'cn')).toBe('a+b');
    expect(firstRdnValue('cn=caf\\C3\\A9,ou=groups', 'cn')).toBe('café');
    expect(firstRdnValue('cn=café,ou=groups', 'cn')).toBe('café');
  });

  it('should refuse another attribute, a multi-valued RDN or an empty value', () => {
    expect(firstRdnValue('ou=devs,dc=example', 'cn')).toBeUndefined();
    expect(firstRdnValue('cn=a+uid=b,dc=example', 'cn')).toBeUndefined();
    expect(firstRdnValue('cn=,dc=example', 'cn')).toBeUndefined();
    expect(firstRdnValue('not a dn', 'cn')).toBeUndefined();
  });
});

describe('attribute values', () => {
  it('should read strings, buffers and arrays', () => {
    expect(firstValue('a')).toBe('a');
    expect(firstValue(['a', 'b'])).toBe('a');
    expect(firstValue(Buffer.from('x'))).toBe('x');
    expect(firstValue(undefined)).toBeUndefined();
    expect(allValues(['a', Buffer.from('b')])).toEqual(['a', 'b']);
    expect(allValues('a')).toEqual(['a']);
    expect(allValues(undefined)).toEqual([]);
  });
});
