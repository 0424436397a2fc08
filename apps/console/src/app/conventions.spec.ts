import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every TypeScript source file of the console app, specs aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The console's one convention (docs/architecture.md): a page, its template file, its store. */
describe("The console's layout", () => {
  const files = sources(__dirname).map((path) => ({
    name: relative(__dirname, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('should keep every component template in a file of its own', () => {
    const components = files.filter((f) => f.text.includes('@Component('));
    expect(components.length).toBeGreaterThan(20);
    expect(components.filter((f) => !/templateUrl: '\.\/[\w-]+\.html'/.test(f.text)).map((f) => f.name)).toEqual([]);
  });

  it('should call the API from stores only (and the session and its interceptor in core)', () => {
    const callers = files.filter((f) => /inject\(Api\)|createPortcullisClient\(/.test(f.text)).map((f) => f.name);
    expect(callers.length).toBeGreaterThan(10);
    expect(callers.filter((name) => !name.endsWith('.store.ts') && !name.startsWith('core/'))).toEqual([]);
  });
});
