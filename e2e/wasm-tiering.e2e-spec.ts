import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAIN = join(__dirname, '../dist/apps/api/apps/api/src/main.js');

/**
 * Preloaded into a process: when the program calls process.exit, first runs a small WebAssembly
 * function hot enough for V8 to recompile it with TurboFan by default (20 calls of 100,000 loop
 * turns), waits for the background compilation, and prints which tier it ended in (V8's test
 * natives, hence --allow-natives-syntax).
 */
const PROBE = `
  // (func (param i32) (result i32) (local i32) (loop (local.set 1 (i32.add (local.get 1) (i32.const 1)))
  //   (br_if 0 (i32.lt_s (local.get 1) (local.get 0)))) (local.get 1)), exported as f
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1,
    102, 0, 0, 10, 25, 1, 23, 1, 1, 127, 3, 64, 32, 1, 65, 1, 106, 33, 1, 32, 1, 32, 0, 72, 13, 0, 11, 32, 1, 11]);
  const exit = process.exit.bind(process);
  process.exit = (code) => {
    const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f;
    let sum = 0;
    for (let i = 0; i < 20; i++) sum += f(100000);
    setTimeout(() => {
      process.stdout.write(JSON.stringify({ code, sum, liftoff: %IsLiftoffFunction(f), turbofan: %IsTurboFanFunction(f) }) + '\\n');
      exit(0);
    }, 500);
  };
  if (process.env.PROBE_NOW) process.exit(0);`;

async function tierAfter(args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-wasm-'));
  const probe = join(dir, 'probe.js');
  await writeFile(probe, PROBE);
  // PORT is not a number: the server stops at its configuration (exit 2), after main.ts's first
  // lines have run and before it starts anything (without DATABASE_URL it would start its own
  // PostgreSQL).
  const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '-r', probe, ...args], {
    env: { PATH: process.env.PATH, PORT: 'not-a-port', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    code: number;
    sum: number;
    liftoff: boolean;
    turbofan: boolean;
  };
}

/**
 * main.ts keeps WebAssembly in V8's baseline tier (apps/api/src/common/wasm-tiering.ts): Prisma's
 * query compiler is not recompiled in the background, whose threads' memory a replica would keep.
 */
describe('WebAssembly tiering (built server)', () => {
  it('a hot WebAssembly function stays in Liftoff in the server process', async () => {
    const tier = await tierAfter([MAIN]);
    expect(tier).toEqual({ code: 2, sum: 2_000_000, liftoff: true, turbofan: false });
  });

  it('the same function is recompiled by TurboFan in a process that does not set the budget', async () => {
    const tier = await tierAfter(['-e', ''], { PROBE_NOW: '1' });
    expect(tier).toEqual({ code: 0, sum: 2_000_000, liftoff: false, turbofan: true });
  });
});
