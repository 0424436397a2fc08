import { prefersAsync } from './long-running';

describe('prefersAsync (RFC 7240 Prefer)', () => {
  it.each([
    ['respond-async', true],
    ['RESPOND-ASYNC', true],
    ['return=minimal, respond-async', true],
    ['respond-async; wait=10', true],
    [' wait=5 ,respond-async ', true],
    [['handling=lenient', 'respond-async'], true],
    [undefined, false],
    ['', false],
    ['return=representation', false],
    ['respond-asynchronously', false],
    ['wait=respond-async', false],
  ])('%j → %s', (prefer, expected) => {
    expect(prefersAsync(prefer)).toBe(expected);
  });
});
