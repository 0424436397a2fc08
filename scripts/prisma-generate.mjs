// Generates the Prisma Client from prisma/schema.prisma without network access.
// `prisma generate` never runs the schema engine, but the CLI insists on finding one and would
// download it; any existing executable satisfies it (see docs/environment notes in the README).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, [cli, 'generate', '--no-hints'], { stdio: 'inherit', env });
if (result.status !== 0) process.exit(result.status ?? 1);

// The generated client imports its query compiler (4.5 MB of base64 in a JavaScript module), which
// makes Node parse and compile all of it as JavaScript at every start-up (130-200 ms): it is pointed
// at apps/api/src/database/query-compiler-wasm.ts instead, which reads the base64 as text.
const classFile = join(dirname(fileURLToPath(import.meta.url)), '../apps/api/src/database/generated/internal/class.ts');
const generated = readFileSync(classFile, 'utf8');
const decoder = /\nasync function decodeBase64AsWasm\([^]*?\n}\n/;
const loader =
  /getQueryCompilerWasmModule: async \(\) => \{\s*const \{ wasm \} = await import\(("@prisma\/client\/runtime\/query_compiler_\w+_bg\.\w+\.wasm-base64)\.js"\)\s*return await decodeBase64AsWasm\(wasm\)\s*\}/;
if (!decoder.test(generated) || !loader.test(generated)) {
  process.stderr.write(`${classFile}: the query compiler's loader was not found (has Prisma changed it?)\n`);
  process.exit(1);
}
const runtimeImport = 'import * as runtime from "@prisma/client/runtime/client"\n';
if (!generated.includes(runtimeImport)) {
  process.stderr.write(`${classFile}: the runtime's import was not found (has Prisma changed it?)\n`);
  process.exit(1);
}
writeFileSync(
  classFile,
  generated
    .replace(runtimeImport, `${runtimeImport}import { queryCompilerWasm } from "../../query-compiler-wasm"\n`)
    .replace(decoder, '\n')
    .replace(loader, 'getQueryCompilerWasmModule: () => queryCompilerWasm($1.mjs")'),
);
