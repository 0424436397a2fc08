// The container image's size and start-up: built from the Containerfile with buildah on the local
// base (as CI builds it), saved as an OCI layout, unpacked, and started from its filesystem with
// chroot (no container runtime can start here) against the bench's seeded database, as a replica
// restarting would. Needs root and buildah.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  buildImage,
  runUnpacked,
  treeBytes,
  unpackImage,
  waitUntilReady,
} from '../libs/testing/src/container-image.ts';

const TAG = 'localhost/portcullis:bench';
const STARTS = 5;
const MiB = 2 ** 20;
const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Why the image cannot be measured here, or undefined. */
export function imageUnavailable() {
  if (process.getuid?.() !== 0) return 'not root (chroot and mount need it)';
  if (spawnSync('buildah', ['--version']).status !== 0) return 'buildah is not installed';
  return undefined;
}

export async function measureImage({ root, databaseUrl, work, freePort, metric, log }) {
  log('Container image: building (buildah, local base)');
  const build = await buildImage(root, TAG);
  const layout = join(work, 'image-layout');
  const pushed = spawnSync('buildah', ['push', '--quiet', TAG, `oci:${layout}:bench`], { encoding: 'utf8' });
  if (pushed.status !== 0) throw new Error(`buildah push: ${pushed.stderr}`);
  const image = await unpackImage(layout, join(work, 'image-rootfs'));
  // The base is the image's first layer (build-base.sh makes one); the rest is Portcullis's.
  const [baseBytes, ...ownLayers] = image.layerBytes;
  const sizes = {
    compressedMiB: round(image.layerBytes.reduce((a, b) => a + b, 0) / MiB),
    baseCompressedMiB: round(baseBytes / MiB),
    appCompressedMiB: round(ownLayers.reduce((a, b) => a + b, 0) / MiB),
    unpackedMiB: round((await treeBytes(image.rootfs)) / MiB),
    appUnpackedMiB: round((await treeBytes(join(image.rootfs, 'app'))) / MiB),
    nodeModulesMiB: round((await treeBytes(join(image.rootfs, 'app/node_modules'))) / MiB),
  };
  log(
    `  ${sizes.compressedMiB} MiB compressed (Portcullis's layers ${sizes.appCompressedMiB} MiB), ${sizes.unpackedMiB} MiB unpacked`,
  );

  const startups = [];
  const idle = [];
  for (let i = 0; i < STARTS; i++) {
    const port = await freePort();
    const run = runUnpacked(image, [
      `DATABASE_URL=${databaseUrl}`,
      `PORT=${port}`,
      'HOST=127.0.0.1',
      'LOG_LEVEL=warn',
      'SHUTDOWN_DELAY=0',
      'DISCOVERY_INTERVAL=0',
    ]);
    try {
      startups.push(round(await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, run), 0));
      // Resident memory 10 s after each start; the median of the starts is kept, as for the build.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const rss = await metric(`http://127.0.0.1:${port}`, 'portcullis_process_resident_memory_bytes');
      if (!rss) throw new Error(`the image's server reports no resident memory (${rss})`);
      idle.push(round(rss / MiB));
      process.kill(await run.serverPid(), 'SIGTERM');
      if ((await run.exited) !== 0) throw new Error(`the image's server did not stop cleanly:\n${run.output()}`);
    } finally {
      if (run.process.exitCode === null) run.process.kill('SIGKILL');
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  log(`  start-up ${startups.join(' / ')} ms, idle RSS ${idle.join(' / ')} MiB`);
  return {
    date: new Date().toISOString(),
    buildSeconds: round(build.seconds, 0),
    ...sizes,
    startupMs: median(startups),
    startups,
    idleRssMiB: median(idle),
    idleRssRounds: idle,
  };
}
