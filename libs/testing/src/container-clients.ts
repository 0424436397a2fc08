import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, runCommand } from './skopeo';

/** A registry's front a client trusts: its `host:port` and the CA certificate (PEM file) of its TLS. */
export interface TrustedFront {
  hostPort: string;
  caFile: string;
}

/**
 * A podman (Debian's) with storage, run state, logins and home of its own, in a temporary
 * directory; it trusts `fronts` as a user does, through \`~/.config/containers/certs.d/<host:port>/ca.crt\`
 * (containers/image reads it for every command, search included, which has no --cert-dir).
 */
export interface Podman {
  /** Runs `podman <args>`; never throws on a non-zero exit. */
  run(args: string[], timeoutMs?: number): Promise<CommandResult>;
  remove(): Promise<void>;
}

export async function podmanClient(fronts: readonly TrustedFront[] = []): Promise<Podman> {
  const home = await mkdtemp(join(tmpdir(), 'portcullis-podman-'));
  for (const front of fronts) {
    const dir = join(home, '.config/containers/certs.d', front.hostPort);
    await mkdir(dir, { recursive: true });
    await copyFile(front.caFile, join(dir, 'ca.crt'));
  }
  // vfs: no overlay mounts here; cgroupfs and no events journal: no systemd either.
  const global = [
    '--root',
    join(home, 'root'),
    '--runroot',
    join(home, 'run'),
    '--storage-driver',
    'vfs',
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'none',
  ];
  // An empty login file: podman refuses to search with REGISTRY_AUTH_FILE naming none.
  await writeFile(join(home, 'auth.json'), '{"auths":{}}\n', { mode: 0o600 });
  const env = { HOME: home, REGISTRY_AUTH_FILE: join(home, 'auth.json'), XDG_CONFIG_HOME: join(home, '.config') };
  return {
    run: (args, timeoutMs = 120_000) =>
      runCommand(process.env.PORTCULLIS_TEST_PODMAN ?? 'podman', [...global, ...args], env, timeoutMs),
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

/** A containerd (Debian's) of its own, root, state and socket in a temporary directory, and its `ctr`. */
export interface Containerd {
  /** Runs `ctr --address <socket> <args>`; never throws on a non-zero exit. */
  ctr(args: string[], timeoutMs?: number): Promise<CommandResult>;
  /**
   * A hosts directory (`ctr --hosts-dir`, containerd's `certs.d`) trusting `fronts` over https:
   * without one, containerd speaks plain HTTP to localhost.
   */
  hostsDir(fronts: readonly TrustedFront[]): Promise<string>;
  stop(): Promise<void>;
}

const CONTAINERD_BINARY =
  process.env.PORTCULLIS_TEST_CONTAINERD ?? (existsSync('/usr/bin/containerd') ? '/usr/bin/containerd' : 'containerd');

export async function startContainerd(): Promise<Containerd> {
  const home = await mkdtemp(join(tmpdir(), 'portcullis-containerd-'));
  const socket = join(home, 'containerd.sock');
  await writeFile(
    join(home, 'config.toml'),
    `version = 2
root = "${home}/root"
state = "${home}/state"
# Only images are pulled here: no Kubernetes (CRI), no debug or metrics listeners.
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "${socket}"
[ttrpc]
  address = "${home}/containerd-ttrpc.sock"
[debug]
  address = ""
[metrics]
  address = ""
`,
  );
  const daemon: ChildProcess = spawn(CONTAINERD_BINARY, ['--config', join(home, 'config.toml')], {
    stdio: 'ignore',
  });
  const ctr = (args: string[], timeoutMs = 120_000) =>
    runCommand(process.env.PORTCULLIS_TEST_CTR ?? 'ctr', ['--address', socket, ...args], {}, timeoutMs);
  const stop = async () => {
    daemon.kill('SIGTERM');
    if (daemon.exitCode === null) await new Promise((resolve) => daemon.once('exit', resolve));
    await rm(home, { recursive: true, force: true }).catch(() => undefined);
  };
  const deadline = Date.now() + 15_000;
  while ((await ctr(['version'], 5_000)).code !== 0) {
    if (daemon.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error('containerd did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const hostsDir = async (fronts: readonly TrustedFront[]) => {
    const dir = await mkdtemp(join(home, 'certs.d-'));
    for (const front of fronts) {
      await mkdir(join(dir, front.hostPort));
      await writeFile(
        join(dir, front.hostPort, 'hosts.toml'),
        // containerd 1.6 wants a [host] table besides the server.
        `server = "https://${front.hostPort}"\nca = "${front.caFile}"\n\n` +
          `[host."https://${front.hostPort}"]\n  ca = "${front.caFile}"\n  capabilities = ["pull", "resolve"]\n`,
      );
    }
    return dir;
  };
  return { ctr, stop, hostsDir };
}
