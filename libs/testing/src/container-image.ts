// The container image without a container runtime (none can start here): built with buildah,
// unpacked from an OCI layout, and run from its filesystem with chroot. Used by the image's test
// and by `npm run bench`, which imports this file directly (Node strips its types): it imports
// nothing but Node's own modules, and uses only erasable TypeScript.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The locally assembled stand-in for node:24-bookworm-slim (deploy/container/build-base.sh). */
export const LOCAL_IMAGE_BASE = 'localhost/portcullis-base:node24';

/** Runs a command to completion; throws with the end of its output when it fails. */
async function exec(binary: string, args: string[], timeoutMs: number): Promise<string> {
  try {
    const { stdout } = await execFileAsync(binary, args, { timeout: timeoutMs, maxBuffer: 256 * 2 ** 20 });
    return stdout;
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    const detail = failed.stderr || failed.stdout || failed.message;
    throw new Error(`${binary} ${args[0]} failed: ${detail.slice(-4000)}`, { cause: error });
  }
}

/**
 * Builds the image from the project's Containerfile with buildah (chroot isolation: no daemon, no
 * namespaces it cannot have here), on the local base, assembled first when missing. Buildah's layer
 * cache makes a rebuild of unchanged sources take seconds.
 */
export async function buildImage(root: string, tag: string): Promise<{ seconds: number }> {
  const started = performance.now();
  if (
    (
      await exec('buildah', ['images', '--quiet', '--noheading', '--filter', `reference=${LOCAL_IMAGE_BASE}`], 60_000)
    ).trim() === ''
  ) {
    await exec('bash', [join(root, 'deploy/container/build-base.sh'), LOCAL_IMAGE_BASE], 900_000);
  }
  const args = ['bud', '--isolation', 'chroot', '--layers', '--build-arg', `BASE=${LOCAL_IMAGE_BASE}`];
  await exec('buildah', [...args, '-t', tag, '-f', 'Containerfile', root], 1_500_000);
  return { seconds: (performance.now() - started) / 1000 };
}

export interface ImageConfig {
  config: { Env?: string[]; WorkingDir?: string; User?: string; Entrypoint?: string[]; Cmd?: string[] };
}

export interface UnpackedImage {
  rootfs: string;
  config: ImageConfig;
  /** The layers' sizes as stored and sent (gzip), base layers included, from the base up. */
  layerBytes: number[];
}

/** Unpacks an OCI layout's image into `rootfs`, layer by layer, applying whiteouts. */
export async function unpackImage(layout: string, rootfs: string): Promise<UnpackedImage> {
  const blob = (digest: string) => join(layout, 'blobs', digest.replace(':', '/'));
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(await readFile(blob(index.manifests[0]!.digest), 'utf8')) as {
    config: { digest: string };
    layers: { digest: string; size: number }[];
  };
  await mkdir(rootfs, { recursive: true });
  for (const layer of manifest.layers) {
    await exec('tar', ['-xzf', blob(layer.digest), '-C', rootfs, '--numeric-owner', '-p'], 600_000);
    // OCI whiteouts: `.wh.<name>` deletes <name> from the layers below; `.wh..wh..opq` empties its directory.
    const found = await exec('find', [rootfs, '-name', '.wh.*'], 60_000);
    for (const whiteout of found.split('\n').filter(Boolean)) {
      const name = whiteout.slice(dirname(whiteout).length + 1);
      if (name === '.wh..wh..opq') {
        for (const entry of await readdir(dirname(whiteout))) {
          await rm(join(dirname(whiteout), entry), { recursive: true, force: true });
        }
      } else {
        await rm(join(dirname(whiteout), name.slice('.wh.'.length)), { recursive: true, force: true });
        await rm(whiteout, { force: true });
      }
    }
  }
  return {
    rootfs,
    config: JSON.parse(await readFile(blob(manifest.config.digest), 'utf8')) as ImageConfig,
    layerBytes: manifest.layers.map((layer) => layer.size),
  };
}

/** The bytes of a directory tree as files (`du --apparent-size`). */
export async function treeBytes(path: string): Promise<number> {
  return Number((await exec('du', ['-sb', path], 120_000)).split('\t')[0]);
}

export interface UnpackedRun {
  /** `unshare`, whose child is the image's entrypoint. */
  process: ChildProcess;
  /** `performance.now()` when it was started. */
  startedAt: number;
  output(): string;
  exited: Promise<number | null>;
  /** The entrypoint's own pid (signals sent to `unshare` are not passed on). */
  serverPid(): Promise<number>;
}

/**
 * Starts the image's entrypoint from its unpacked filesystem as a runtime would: its root
 * read-only, /tmp a fresh tmpfs (an emptyDir), /proc mounted, as the image's user, with only the image's
 * environment plus `env`, in the image's working directory. Needs root (mount, chroot).
 */
export function runUnpacked(image: UnpackedImage, env: string[]): UnpackedRun {
  const { rootfs, config } = image;
  const environment = [...(config.config.Env ?? []), ...env].map((e) => `'${e.replaceAll("'", `'\\''`)}'`);
  const entrypoint = [...(config.config.Entrypoint ?? []), ...(config.config.Cmd ?? [])].join(' ');
  const command = [
    `mount --bind ${rootfs} ${rootfs}`,
    `mount -o remount,bind,ro ${rootfs}`,
    `mount -t tmpfs -o size=64m tmpfs ${rootfs}/tmp`,
    `mount -t proc proc ${rootfs}/proc`,
    `exec chroot --userspec=${config.config.User ?? '0:0'} ${rootfs} /usr/bin/env -i ${environment.join(' ')} ` +
      `/bin/sh -c 'cd ${config.config.WorkingDir ?? '/'} && exec ${entrypoint}'`,
  ].join(' && ');
  let output = '';
  const startedAt = performance.now();
  // Its own mount and process namespaces (the entrypoint is pid 1 there, as in a container, and
  // /proc is its own); --kill-child: the entrypoint dies with unshare.
  const child = spawn('unshare', ['--mount', '--pid', '--fork', '--kill-child', 'sh', '-c', command], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    process: child,
    startedAt,
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    serverPid: async () => Number((await exec('pgrep', ['-P', String(child.pid)], 10_000)).trim()),
  };
}

/**
 * Polls `url` until it answers 200; the milliseconds from the run's start to then. Throws when the
 * run ends or time is up.
 */
export async function waitUntilReady(url: string, run: UnpackedRun, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    const ready = await fetch(url).catch(() => undefined);
    if (ready?.status === 200) return performance.now() - run.startedAt;
    if (run.process.exitCode !== null || performance.now() - run.startedAt > timeoutMs) {
      throw new Error(`${url} did not become ready:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
