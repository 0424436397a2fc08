import { type AccessGrant, grantOutcome } from './access-decision';

const grant = (requested: string[], granted: string[]): AccessGrant => ({
  type: 'repository',
  name: 'team/app',
  requested: requested,
  granted: granted,
  clause: 'test',
  decisions: [],
});

describe('grantOutcome', () => {
  it.each([
    ['a login without scope', 'granted', []],
    ['every action asked', 'granted', [grant(['pull', 'push'], ['push', 'pull'])]],
    ['"*" given as "*"', 'granted', [grant(['*'], ['*'])]],
    ['"*" narrowed to the actions allowed', 'partial', [grant(['*'], ['pull', 'push', 'delete'])]],
    ['"*" narrowed to one action', 'partial', [grant(['*'], ['pull'])]],
    ['some of the actions', 'partial', [grant(['pull', 'push'], ['pull'])]],
    ['one scope of two', 'partial', [grant(['pull'], ['pull']), grant(['pull'], [])]],
    ['nothing', 'denied', [grant(['pull', 'push'], [])]],
  ] as const)('should count %s as %s', (_what, outcome, grants) => {
    expect(grantOutcome(grants)).toBe(outcome);
  });
});
