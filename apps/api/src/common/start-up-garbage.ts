import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One full garbage collection soon after start-up, once the server listens: what loading the
 * modules and building the application left behind (module sources read as buffers, the
 * decorators' temporary metadata, the first queries' plans) goes, and V8 shrinks its heap to what
 * is alive. Left to itself, V8 does the same about half a minute later when it sees the process
 * idle; until then a new replica holds 5 to 10 MiB more. It costs one pause of 40 to 50 ms, once:
 * run before listening, it made the replica that much later to be ready (`--trace-gc` of a start
 * on a seeded database: 51 ms of 1.4 s), while the first second of a replica's life takes no
 * traffic yet in practice (its readiness is probed, then it is put in rotation).
 *
 * Node gives no way to ask for a collection without `--expose-gc`, which as a Node option would
 * have to be set wherever the server is started (npm start, the image, the Helm chart) and would
 * hand every module a global `gc`: the flag is turned on for as long as it takes to get V8's `gc`
 * function from a new context, and off again, so no other context sees it. Written here because
 * the npm package doing this (expose-gc) is these same lines, leaving the flag on.
 */
export function collectStartUpGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  gc();
}

/** How long after listening the start-up garbage is collected. */
export const START_UP_GARBAGE_DELAY_MS = 1000;

/** Collects the start-up garbage START_UP_GARBAGE_DELAY_MS from now, without keeping the process up. */
export function collectStartUpGarbageSoon(): void {
  setTimeout(collectStartUpGarbage, START_UP_GARBAGE_DELAY_MS).unref();
}
