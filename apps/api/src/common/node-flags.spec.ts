import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from './node-flags';

const ROOT = join(__dirname, '../../../..');

describe('NODE_FLAGS', () => {
  it('are the flags `npm start` gives the server', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${NODE_FLAGS.join(' ')} scripts/start.mjs`);
  });

  it("are the image's NODE_OPTIONS", () => {
    const containerfile = readFileSync(join(ROOT, 'Containerfile'), 'utf8');
    expect(containerfile).toMatch(/^\s+NODE_OPTIONS=(.*?) \\$/m);
    expect(/^\s+NODE_OPTIONS=(.*?) \\$/m.exec(containerfile)![1]).toBe(NODE_FLAGS.join(' '));
  });
});
