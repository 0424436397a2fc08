import { readFile } from 'node:fs/promises';

/** Node's WebAssembly global, as used here (TypeScript declares it only in the DOM's library). */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

/** How @prisma/client's `…wasm-base64` modules begin: the module, as base64, follows in quotes. */
const PREFIX = 'const wasm = "';
/** …and end with the module's export. */
const SUFFIX = /^;\s*export \{ wasm \};?\s*$/;

/**
 * Prisma's query compiler (WebAssembly), which the generated client asks for when it first
 * connects. @prisma/client ships it as 4.5 MB of base64 inside a JavaScript module; importing that
 * module makes Node parse and compile all of it as JavaScript (130-200 ms of start-up measured).
 * Read as bytes, only the base64 is decoded, and the WebAssembly is compiled asynchronously.
 * Written by hand because no library reads that file; it fails loudly if a Prisma version changes
 * the file's shape (every test that touches the database would fail).
 * `scripts/prisma-generate.mjs` points the generated client here.
 */
export async function queryCompilerWasm(specifier: string): Promise<object> {
  const path = require.resolve(specifier);
  const file = await readFile(path);
  // The closing quote, looked for from the end, where only the export follows it (a search from
  // the start would read the 6 MB of base64 first, about 7 ms of every start).
  const end = file.lastIndexOf('"');
  if (
    file.toString('latin1', 0, PREFIX.length) !== PREFIX ||
    end < PREFIX.length ||
    !SUFFIX.test(file.toString('latin1', end + 1))
  ) {
    throw new Error(`${path}: no query compiler found in it (has Prisma changed its shape?)`);
  }
  // Base64 is ASCII: read as latin1, it is the bytes as they are, with no UTF-8 decoding (what is
  // not WebAssembly once decoded, WebAssembly.compile refuses).
  const base64 = file.toString('latin1', PREFIX.length, end);
  return WebAssembly.compile(Buffer.from(base64, 'base64'));
}
