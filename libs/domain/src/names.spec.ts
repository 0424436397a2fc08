import fc from 'fast-check';
import { OBJECT_NAME_PATTERN, isAddressableName, objectNameOf } from './names';

describe('objectNameOf', () => {
  it.each([
    ['alice', 'alice'],
    ['Alice.Smith', 'alice.smith'],
    ['Domain Users', 'domain-users'],
    ['  R&D / Platform  ', 'r-d-platform'],
    ['café', 'cafe'],
    ['-team_', 'team'],
  ])('should name %j %j', (external, name) => {
    expect(objectNameOf(external)).toBe(name);
  });

  it('should refuse what leaves no valid name', () => {
    expect(objectNameOf('')).toBeUndefined();
    expect(objectNameOf('***')).toBeUndefined();
    expect(objectNameOf('a'.repeat(65))).toBeUndefined();
  });

  it('should refuse names made of digits only, which repository paths read as ids', () => {
    expect(objectNameOf('12345')).toBeUndefined();
    expect(objectNameOf(' 42 ')).toBeUndefined();
    expect(objectNameOf('42a')).toBe('42a');
  });

  it('should give a valid name or none, and keep valid names as they are', () => {
    fc.assert(
      fc.property(fc.string(), (external) => {
        const name = objectNameOf(external);
        if (name !== undefined) expect(name).toMatch(OBJECT_NAME_PATTERN);
        if (isAddressableName(external)) expect(name).toBe(external);
      }),
    );
  });
});

describe('isAddressableName', () => {
  it.each([
    ['alice', true],
    ['7', false],
    ['0042', false],
    ['42a', true],
    ['a-1', true],
    ['UPPER', false],
  ])('should take %j: %j', (name, ok) => {
    expect(isAddressableName(name)).toBe(ok);
  });
});
