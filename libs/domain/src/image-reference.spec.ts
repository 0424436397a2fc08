import { parseImageReference } from './image-reference';

describe('parseImageReference', () => {
  it.each([
    ['registry.example.com/apps/shop/web:1.2', { host: 'registry.example.com', repository: 'apps/shop/web' }],
    [
      'registry.test:5000/users/bob/app@sha256:' + 'a'.repeat(64),
      { host: 'registry.test:5000', repository: 'users/bob/app' },
    ],
    ['localhost/tool:v1', { host: 'localhost', repository: 'tool' }],
    ['library/busybox:latest', { host: null, repository: 'library/busybox' }],
    ['busybox', { host: null, repository: 'busybox' }],
    ['Registry.Example.com/x', { host: 'registry.example.com', repository: 'x' }],
  ])('should read %s', (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });

  it.each(['registry.test/a b', 'registry.test/', ':tag', 'registry.test/a//b'])('should refuse %s', (reference) => {
    expect(parseImageReference(reference)).toBeNull();
  });
});
