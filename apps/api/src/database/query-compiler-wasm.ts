import { readFile } from 'node:fs/promises';

/** Node's WebAssembly global, as used here (TypeScript declares it only in the DOM's library). */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

/** The line of @prisma/client's `…wasm-base64` modules that holds the module, as base64. */
const BASE64_LINE = /^const wasm = "([A-Za-z0-9+/]+={0,2})";?$/m;

/**
 * Prisma's query compiler (WebAssembly), which the generated client asks for when it first
 * connects. @prisma/client ships it as 4.5 MB of base64 inside a JavaScript module; importing that
 * module makes Node parse and compile all of it as JavaScript (130-200 ms of start-up measured).
 * Read as text, only the base64 is decoded (about 15 ms), and the WebAssembly is compiled
 * asynchronously. Written by hand because no library reads that file; it fails loudly if a
 * Prisma version changes the file's shape (every test that touches the database would fail).
 * `scripts/prisma-generate.mjs` points the generated client here.
 */
export async function queryCompilerWasm(specifier: string): Promise<object> {
  const path = require.resolve(specifier);
  const base64 = BASE64_LINE.exec(await readFile(path, 'utf8'))?.[1];
  if (base64 === undefined) throw new Error(`${path}: no query compiler found in it (has Prisma changed its shape?)`);
  return WebAssembly.compile(Buffer.from(base64, 'base64'));
}
