import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs skopeo (Debian's) against a plain-HTTP loopback registry. Never throws on a non-zero exit. */
export function skopeo(args: string[], timeoutMs = 60_000): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      process.env.PORTCULLIS_TEST_SKOPEO_BINARY ?? 'skopeo',
      args,
      { timeout: timeoutMs, env: { ...process.env, REGISTRY_AUTH_FILE: join(tmpdir(), 'portcullis-no-auth.json') } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
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
