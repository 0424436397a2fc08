/**
 * Node's flags for the server, wherever it is started: `npm start` (package.json), the image's
 * NODE_OPTIONS (Containerfile), the compile cache the build writes (V8 refuses a code cache made
 * under flags that change the code it generates) and the bench. node-flags.spec.ts holds the first
 * two to this list; the others read it.
 *
 * V8's young generation capped at 16 MiB semi-spaces. Smaller (2 MiB, once kept for idle memory),
 * a scavenge ran every 40 ms at 1,000 tokens/s and promoted each request's objects still in flight
 * (about 8 MB/s), so the old generation was collected every 1.4 s and its concurrent marking took
 * both cores for 50-60 ms: requests queued behind it. V8's default grows to 64 MiB semi-spaces
 * under load, memory held for no measured gain. Idle memory is the same at 2, 16 and the default
 * (the start-up collection, common/start-up-garbage.ts, leaves the young generation empty).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
