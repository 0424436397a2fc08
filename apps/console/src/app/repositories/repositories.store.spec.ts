import { type Tag, tagsSharingDigest } from './repositories.store';

describe('tagsSharingDigest', () => {
  const tag = (name: string, digest: string) => ({ name, digest }) as Tag;
  const tags = [tag('v1', 'sha256:a'), tag('latest', 'sha256:a'), tag('v2', 'sha256:b'), tag('stable', 'sha256:a')];

  it('should name every other tag on the same manifest, and only those', () => {
    expect(tagsSharingDigest(tags, tags[0])).toEqual(['latest', 'stable']);
    expect(tagsSharingDigest(tags, tags[2])).toEqual([]);
  });
});
