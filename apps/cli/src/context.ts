import type { Command } from 'commander';
import { createPortcullisClient } from '@portcullis/api-client';
import { readLogin } from './config-store';
import { type Job, JobProgress, isJob, waitForJob } from './jobs';
import { CliError, EXIT, describeError, print } from './output';

export type Api = ReturnType<typeof createPortcullisClient>;

/** What a call of the generated client resolves to. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** What every command group uses: the kept login's API, output in the chosen form, shared lookups. */
export interface CommandContext {
  /** `--json`: machine-readable output. */
  json: () => boolean;
  /** `--url`, when given. */
  url: () => string | undefined;
  /** The kept login's API client, or a CliError (not logged in). */
  client: () => Promise<Api>;
  /** The API's answer, or a CliError with its message, code and correlation id. */
  unwrap: <T>(call: Promise<Answer<T>>) => Promise<T>;
  /** One API call with the kept login: its data, or a CliError. */
  call: <T>(request: (api: Api) => Promise<Answer<T>>) => Promise<T>;
  print: (value: unknown, columns?: string[]) => void;
  /** A page of a list: its items as a table (and how to get the next page), or the page as JSON. */
  printPage: (page: { items: unknown[]; nextCursor: string | null }, columns: string[]) => void;
  /** A registry by id or service name. */
  registryId: (ref: string) => Promise<number>;
  /**
   * Starts a long operation as a job and waits for it, with a progress bar on a terminal (not with
   * --json); its result. A server answering with the result itself is fine too.
   */
  longRunning: <T extends object>(start: (api: Api) => Promise<Answer<T | Job>>) => Promise<T>;
}

/** The Prefer header that makes a long-running route answer at once with a job. */
export const ASYNC = { Prefer: 'respond-async' };

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The API's answer, or a CliError with its message, code and correlation id (exit 1). */
async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw new CliError(
      `Portcullis is unreachable: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.unreachable,
    );
  }
  if (answer.error !== undefined || !answer.response.ok) {
    const e = (answer.error ?? {}) as { message?: string; code?: string; correlationId?: string };
    if (e.code === 'TWO_FACTOR_REQUIRED' || e.code === 'TWO_FACTOR_INVALID')
      throw new CliError(
        `${e.message ?? 'A second factor is needed'}: give the code of your authenticator app with --code (or PORTCULLIS_CODE)`,
        EXIT.notLoggedIn,
      );
    if (answer.response.status === 401)
      throw new CliError(
        `Not signed in, or the token was revoked: run portcullis login (${e.message ?? ''})`,
        EXIT.notLoggedIn,
      );
    throw new CliError(describeError(e, answer.response.status), EXIT.refused);
  }
  return answer.data as T;
}

/** The context of `program`'s commands (its global options are read when a command runs). */
export function commandContext(program: Command): CommandContext {
  const opts = () => program.opts<{ url?: string; json?: boolean }>();
  const json = () => opts().json === true;
  const client = async () => {
    const login = await readLogin();
    if (!login) throw new CliError('Not logged in: run portcullis login --url <url> --user <name>', EXIT.notLoggedIn);
    return createPortcullisClient(opts().url ?? login.url, login.token);
  };
  const call = async <T>(request: (api: Api) => Promise<Answer<T>>): Promise<T> => unwrap(request(await client()));
  return {
    json,
    url: () => opts().url,
    client,
    unwrap,
    call,
    print: (value, columns) => print(json(), value, columns),
    printPage(page, columns) {
      if (json()) return print(true, page);
      print(false, page.items, columns);
      if (page.nextCursor !== null) process.stderr.write(`More: repeat with --cursor ${page.nextCursor}\n`);
    },
    async registryId(ref) {
      if (/^\d+$/.test(ref)) return Number(ref);
      const page = await call((api) => api.GET('/api/v1/registries', { params: { query: { q: ref, limit: 100 } } }));
      const found = page.items.find((r) => r.service === ref);
      if (!found) throw new CliError(`No registry has the service "${ref}"`, EXIT.refused);
      return found.id;
    },
    async longRunning<T extends object>(start: (api: Api) => Promise<Answer<T | Job>>): Promise<T> {
      const api = await client();
      const answer = await unwrap(start(api));
      if (!isJob(answer)) return answer;
      const progress = new JobProgress(!json() && process.stderr.isTTY === true);
      const poll = (id: string) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
      return (await waitForJob(answer, poll, progress)) as T;
    },
  };
}
