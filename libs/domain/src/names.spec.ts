import fc from 'fast-check';
import { OBJECT_NAME_PATTERN, objectNameOf } from './names';

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

  it('should give a valid name or none, and keep valid names as they are', () => {
    fc.assert(
      fc.property(fc.string(), (external) => {
        const name = objectNameOf(external);
        if (name !== undefined) expect(name).toMatch(OBJECT_NAME_PATTERN);
        if (OBJECT_NAME_PATTERN.test(external)) expect(name).toBe(external);
      }),
    );
  });
});
