import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with `env` added to this process's; never throws on a non-zero exit. */
export function runCommand(
  binary: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: timeoutMs, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs skopeo (Debian's) against a plain-HTTP loopback registry. Never throws on a non-zero exit. */
export function skopeo(args: string[], timeoutMs = 60_000): Promise<CommandResult> {
  return runCommand(
    process.env.PORTCULLIS_TEST_SKOPEO_BINARY ?? 'skopeo',
    args,
    { REGISTRY_AUTH_FILE: join(tmpdir(), 'portcullis-no-auth.json') },
    timeoutMs,
  );
}

/** The built CLI (`node scripts/build.mjs`). */
export const CLI_MAIN = join(__dirname, '../../../dist/apps/cli/apps/cli/src/main.js');

/** The portcullis CLI with its kept login in `home` (XDG_CONFIG_HOME). Never throws on a non-zero exit. */
export function cliIn(home: string): (args: string[], env?: Record<string, string>) => Promise<CommandResult> {
  return (args, env = {}) => runCommand(process.execPath, [CLI_MAIN, ...args], { XDG_CONFIG_HOME: home, ...env });
}

/** Credentials flag for skopeo: `user:password`, or none for anonymous. */
export function credsFlag(direction: 'src' | 'dest' | '', creds: string | undefined): string[] {
  const prefix = direction === '' ? '' : `${direction}-`;
  return creds === undefined ? [`--${prefix}no-creds`] : [`--${prefix}creds`, creds];
}

/** Pushes an OCI layout's image to `host/repository` of a plain-HTTP registry as `creds` (anonymous: undefined). */
export function skopeoPush(
  image: { dir: string; tag: string },
  host: string,
  repository: string,
  creds: string | undefined,
): Promise<CommandResult> {
  return skopeo([
    'copy',
    '--dest-tls-verify=false',
    ...credsFlag('dest', creds),
    `oci:${image.dir}:${image.tag}`,
    `docker://${host}/${repository}`,
  ]);
}
