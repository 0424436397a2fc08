import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryCompilerWasm } from './query-compiler-wasm';

describe('queryCompilerWasm', () => {
  it('should compile the query compiler @prisma/client ships, read from its base64 text', async () => {
    const module = await queryCompilerWasm('@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.mjs');
    // (The test's realm has WebAssembly classes of its own: the tag is what both realms agree on.)
    expect(Object.prototype.toString.call(module)).toBe('[object WebAssembly.Module]');
  });

  it('should fail with the file named when the file holds no module in the expected form', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'query-compiler-'));
    try {
      const file = join(dir, 'changed.mjs');
      await writeFile(file, 'export const wasm = load("elsewhere");\n');
      await expect(queryCompilerWasm(file)).rejects.toThrow(`${file}: no query compiler found in it`);
      // The module's text, then more than the export after it (the closing quote is looked for from the end).
      const longer = join(dir, 'longer.mjs');
      await writeFile(longer, `const wasm = "AGFzbQEAAAA=";\nexport { wasm }\nconst more = "${'x'.repeat(200)}";\n`);
      await expect(queryCompilerWasm(longer)).rejects.toThrow(`${longer}: no query compiler found in it`);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
