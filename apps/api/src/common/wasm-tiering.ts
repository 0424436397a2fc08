import { setFlagsFromString } from 'node:v8';

/**
 * How much a WebAssembly function runs before V8 compiles it again with its optimising compiler
 * (TurboFan): by default after a few milliseconds of work; here never, in practice, so WebAssembly
 * stays in its baseline code (Liftoff).
 *
 * Why: the server's WebAssembly is Prisma's query compiler, which runs once per query shape (Prisma
 * keeps the plans it made). By default its hot functions are recompiled on background threads as the
 * first queries run, each thread's glibc arena keeping what that compilation used: 10 to 35 MiB of
 * resident memory a replica holds for good, in exchange for a faster compiler it rarely calls again.
 * Measured on the bench's seeded database: V8's peak of allocated memory 43 -> 10 MiB, idle RSS about
 * 20 MiB lower and steadier between starts, no change in token throughput.
 *
 * Set at run time, not as a Node flag: Node accepts no WebAssembly flag in NODE_OPTIONS, and the
 * server is started by `npm start`, the image and the Helm chart alike. V8 reads the budget when a
 * module is instantiated, so this runs before anything loads WebAssembly. It touches no code cache:
 * Node's compile cache holds JavaScript only.
 */
export const WASM_TIERING_BUDGET = 2_000_000_000;

export function keepWasmInBaselineTier(): void {
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}
