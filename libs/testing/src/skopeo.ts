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
