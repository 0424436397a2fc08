import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `portcullis login` keeps: the server and a personal access token (never a password). */
export interface StoredLogin {
  url: string;
  user: string;
  token: string;
  tokenId: string;
}

function configDir(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'portcullis');
}

export const configFile = (): string => join(configDir(), 'login.json');

export async function readLogin(): Promise<StoredLogin | undefined> {
  try {
    return JSON.parse(await readFile(configFile(), 'utf8')) as StoredLogin;
  } catch {
    return undefined;
  }
}

/** Written readable by its owner only (0600, in a 0700 folder): it holds a token. */
export async function writeLogin(login: StoredLogin): Promise<void> {
  await mkdir(configDir(), { recursive: true, mode: 0o700 });
  await writeFile(configFile(), `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(configFile(), 0o600);
}

export async function forgetLogin(): Promise<void> {
  await rm(configFile(), { force: true });
}
