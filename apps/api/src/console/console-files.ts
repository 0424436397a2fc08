import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the built console is (`dist/apps/console/browser`), found from the source or build tree. */
export class ConsoleFiles {
  readonly dir: string | undefined;

  constructor(from: string = __dirname) {
    let dir = from;
    for (;;) {
      const candidate = join(dir, 'dist', 'apps', 'console', 'browser');
      if (existsSync(join(candidate, 'index.html'))) {
        this.dir = candidate;
        return;
      }
      const parent = dirname(dir);
      if (parent === dir) return;
      dir = parent;
    }
  }
}
