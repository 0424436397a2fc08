#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { type Schemas, createPortcullisClient } from '@portcullis/api-client';
import { csv, pageQuery, withPaging } from './args';
import { forgetLogin, readLogin, writeLogin } from './config-store';
import { type Job, JobProgress, isJob, waitForJob } from './jobs';
import { CliError, EXIT, describeError, print } from './output';
import { type Answer, type Api, addResourceCommands } from './resources';

/** The version in Portcullis's package.json, found above this file in the source or build tree. */
function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'portcullis' && manifest.version) return manifest.version;
    } catch {
      // not here; look higher
    }
  }
  return 'unknown';
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

/** One API call with the kept login. */
async function call<T>(request: (api: Api) => Promise<Answer<T>>): Promise<T> {
  return unwrap(request(await client()));
}

const program = new Command()
  .name('portcullis')
  .description('Command line for Portcullis, the access-control server for private Docker registries.')
  .version(version())
  .option('--url <url>', 'Portcullis server URL (default: the one you logged in to, env PORTCULLIS_URL)')
  .option('--json', 'machine-readable output');

// Before any subcommand exists, so that they inherit it: usage errors exit 2, help exits 0.
program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
});

const opts = () => program.opts<{ url?: string; json?: boolean }>();
const json = () => opts().json === true;

async function client() {
  const login = await readLogin();
  if (!login) throw new CliError('Not logged in: run portcullis login --url <url> --user <name>', EXIT.notLoggedIn);
  return createPortcullisClient(opts().url ?? login.url, login.token);
}

/** A registry by id or service name. */
async function registryId(ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const page = await call((api) => api.GET('/api/v1/registries', { params: { query: { q: ref, limit: 100 } } }));
  const found = page.items.find((r) => r.service === ref);
  if (!found) throw new CliError(`No registry has the service "${ref}"`, EXIT.refused);
  return found.id;
}

/** A page of a list: a table and, when there is more, how to get it; or the page as JSON. */
function printPage(page: { items: unknown[]; nextCursor: string | null }, columns: string[]): void {
  if (json()) return print(true, page);
  print(false, page.items, columns);
  if (page.nextCursor !== null) process.stderr.write(`More: repeat with --cursor ${page.nextCursor}\n`);
}

/** The Prefer header that makes a long-running route answer at once with a job. */
const ASYNC = { Prefer: 'respond-async' };

/**
 * Starts a long operation as a job and waits for it, with a progress bar on a terminal (not
 * with --json); its result. A server answering with the result itself is fine too.
 */
async function longRunning<T extends object>(start: (api: Api) => Promise<Answer<T | Job>>): Promise<T> {
  const api = await client();
  const answer = await unwrap(start(api));
  if (!isJob(answer)) return answer;
  const progress = new JobProgress(!json() && process.stderr.isTTY === true);
  const poll = (id: string) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
  return (await waitForJob(answer, poll, progress)) as T;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

program
  .command('status')
  .description('check that a Portcullis server answers and show its token realm')
  .action(async () => {
    const url = opts().url ?? (await readLogin())?.url ?? process.env.PORTCULLIS_URL ?? 'http://localhost:8080';
    let response: Response;
    try {
      response = await fetch(new URL('/api/v1/health', url), { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new CliError(
        `Portcullis at ${url} is unreachable: ${error instanceof Error ? error.message : String(error)}`,
        EXIT.unreachable,
      );
    }
    const certs = response.ok ? await fetch(new URL('/token/certs', url)).then((r) => r.text()) : '';
    const result = {
      url,
      healthy: response.ok,
      status: response.status,
      publishedKeys: (certs.match(/BEGIN CERTIFICATE/g) ?? []).length,
      realm: new URL('/token', url).href,
    };
    print(json(), result);
    if (!response.ok) process.exitCode = EXIT.refused;
  });

program
  .command('login')
  .description(
    'sign in and keep a personal access token for the next commands (password from --password-stdin or ' +
      'PORTCULLIS_PASSWORD; a second-factor code from --code or PORTCULLIS_CODE), or keep a personal access ' +
      'token created in the console (--token-stdin or PORTCULLIS_TOKEN: for accounts that sign in through a browser)',
  )
  .requiredOption('--user <name>', 'login name')
  .option('--password-stdin', 'read the password from standard input')
  .option('--code <code>', 'the code of your authenticator app (or a recovery code), for two-factor sign-in')
  .option('--token-stdin', 'read a personal access token from standard input instead of signing in')
  .action(async (options: { user: string; passwordStdin?: boolean; code?: string; tokenStdin?: boolean }) => {
    const url = opts().url ?? process.env.PORTCULLIS_URL ?? 'http://localhost:8080';
    const given = options.tokenStdin ? await readStdin() : process.env.PORTCULLIS_TOKEN;
    if (given) {
      const me = await unwrap(createPortcullisClient(url, given).GET('/api/v1/auth/me'));
      if (me.name !== options.user || me.token === null) {
        throw new CliError(`That is not a personal access token of ${options.user}`, EXIT.refused);
      }
      await writeLogin({ url, user: options.user, token: given, tokenId: me.token.id });
      print(json(), { url, user: options.user, token: me.token.name });
      return;
    }
    const password = options.passwordStdin ? await readStdin() : process.env.PORTCULLIS_PASSWORD;
    if (!password) throw new CliError('Give the password with --password-stdin or PORTCULLIS_PASSWORD', EXIT.usage);
    const code = options.code ?? process.env.PORTCULLIS_CODE;
    const session = await unwrap(
      createPortcullisClient(url).POST('/api/v1/auth/login', {
        body: { username: options.user, password, ...(code ? { code } : {}) },
      }),
    );
    const token = await unwrap(
      createPortcullisClient(url, session.accessToken).POST('/api/v1/access-tokens', {
        body: { name: `portcullis CLI on ${hostname()}`.slice(0, 100) },
      }),
    );
    await writeLogin({ url, user: options.user, token: token.token, tokenId: token.id });
    print(json(), { url, user: options.user, token: token.name });
  });

program
  .command('logout')
  .description('revoke the kept token and forget it')
  .action(async () => {
    const login = await readLogin();
    if (login)
      await unwrap(
        createPortcullisClient(login.url, login.token).DELETE('/api/v1/access-tokens/{id}', {
          params: { path: { id: login.tokenId } },
        }),
      ).catch(() => undefined);
    await forgetLogin();
    print(json(), { loggedOut: true });
  });

const registries = program.command('registries').description('declared registries');
withPaging(registries.command('ls'))
  .description('list registries')
  .option('--query <text>', 'only services containing this')
  .action(async (o: { limit: string; cursor?: string; query?: string }) => {
    const query = { ...pageQuery(o), ...(o.query ? { q: o.query } : {}) };
    printPage(await call((api) => api.GET('/api/v1/registries', { params: { query } })), [
      'id',
      'service',
      'url',
      'discoveryState',
      'repositoryCount',
      'publications',
      'responsibles',
    ]);
  });
registries
  .command('add <service> <url>')
  .description('declare a registry')
  .option('--insecure', 'skip TLS verification towards it')
  .option('--restricted', 'pushing to users/, groups/, apps/ needs responsibility')
  .option('--publications <groups>', 'comma-separated group names')
  .option('--responsibles <groups>', 'comma-separated group names')
  .option('--anonymous-pull <patterns>', 'comma-separated public repository patterns')
  .action(
    async (
      service: string,
      url: string,
      o: {
        insecure?: boolean;
        restricted?: boolean;
        publications?: string;
        responsibles?: string;
        anonymousPull?: string;
      },
    ) => {
      const body: Schemas['CreateRegistryDto'] = {
        service,
        url,
        ...(o.insecure ? { insecure: true } : {}),
        ...(o.restricted ? { restricted: true } : {}),
        ...(o.publications ? { publications: csv(o.publications) } : {}),
        ...(o.responsibles ? { responsibles: csv(o.responsibles) } : {}),
        ...(o.anonymousPull ? { anonymousPull: csv(o.anonymousPull) } : {}),
      };
      print(json(), await call((api) => api.POST('/api/v1/registries', { body })));
    },
  );
registries
  .command('show <registry>')
  .description('show a registry and its discovery status')
  .action(async (ref: string) => {
    print(
      json(),
      await call(async (api) =>
        api.GET('/api/v1/registries/{id}', { params: { path: { id: await registryId(ref) } } }),
      ),
    );
  });
registries
  .command('rm <registry>')
  .description('remove a registry')
  .action(async (ref: string) => {
    const id = await registryId(ref);
    await call((api) => api.DELETE('/api/v1/registries/{id}', { params: { path: { id } } }));
    print(json(), { deleted: id });
  });
registries
  .command('config <registry>')
  .description("print the registry's config.yml (or --nginx its nginx.conf)")
  .option('--nginx', 'print the nginx.conf instead')
  .action(async (ref: string, o: { nginx?: boolean }) => {
    const config = await call(async (api) =>
      api.GET('/api/v1/registries/{id}/config', { params: { path: { id: await registryId(ref) } } }),
    );
    if (json()) print(true, config);
    else process.stdout.write(o.nginx ? config.nginxConf : config.configYml);
  });
registries
  .command('discover <registry>')
  .description('crawl the registry now')
  .option('--due', "read only what the schedule's crawl would (a registry that notifies: new and due repositories)")
  .action(async (ref: string, o: { due?: boolean }) => {
    const id = await registryId(ref);
    const query = o.due ? { mode: 'due' as const } : {};
    const result = await longRunning((api) =>
      api.POST('/api/v1/registries/{id}/discover', { params: { path: { id }, query, header: ASYNC } }),
    );
    print(json(), result);
    if (!result.ok) process.exitCode = EXIT.refused;
  });

const repos = program.command('repos').description('repositories of a registry (those you may pull)');
repos
  .command('ls <registry>')
  .option('--query <text>', 'only names containing this')
  .option('--limit <n>', 'at most this many (1 to 100)', '50')
  .option('--cursor <cursor>', 'the next page, as the previous page printed it')
  .action(async (ref: string, o: { query?: string; limit: string; cursor?: string }) => {
    const query = { ...pageQuery(o), ...(o.query ? { q: o.query } : {}) };
    const page = await call(async (api) =>
      api.GET('/api/v1/registries/{id}/repositories', { params: { path: { id: await registryId(ref) }, query } }),
    );
    const named = { ...page, items: page.items.map((r) => ({ ...r, tags: r.tags.map((t) => t.name) })) };
    printPage(json() ? page : named, ['name', 'tags', 'pullCount', 'starCount', 'description']);
  });
repos.command('show <registry> <repository>').action(async (ref: string, repository: string) => {
  print(
    json(),
    await call(async (api) =>
      api.GET('/api/v1/registries/{id}/repositories/{repository}', {
        params: { path: { id: await registryId(ref), repository } },
      }),
    ),
  );
});

const tags = program.command('tags').description('tags of a repository');
tags.command('ls <registry> <repository>').action(async (ref: string, repository: string) => {
  const repo = await call(async (api) =>
    api.GET('/api/v1/registries/{id}/repositories/{repository}', {
      params: { path: { id: await registryId(ref), repository } },
    }),
  );
  print(json(), repo.tags, ['name', 'digest', 'size', 'created', 'mediaType']);
});
tags
  .command('rm <registry> <repository> <tag>')
  .description('delete a tag from the registry (every tag sharing its digest goes too: --force)')
  .option('--force', 'also when other tags share the digest')
  .action(async (ref: string, repository: string, tag: string, o: { force?: boolean }) => {
    print(
      json(),
      await call(async (api) =>
        api.DELETE('/api/v1/registries/{id}/repositories/{repository}/tags/{tag}', {
          params: { path: { id: await registryId(ref), repository, tag }, query: o.force ? { force: true } : {} },
        }),
      ),
    );
  });

program
  .command('search <term>')
  .description('search users, groups, apps, registries, repositories and tags ("docker:term" for images only)')
  .action(async (term: string) => {
    const results = await call((api) => api.GET('/api/v1/search', { params: { query: { q: term, limit: 50 } } }));
    print(json(), json() ? results : results.items, ['kind', 'name', 'registry', 'repository']);
  });

program
  .command('explain <account> <service> <scope...>')
  .description('what a token would grant, and why (account "" for anonymous)')
  .action(async (account: string, service: string, scope: string[]) => {
    const explanation = await call((api) => api.POST('/api/v1/access/explain', { body: { account, service, scope } }));
    if (json()) return print(true, explanation);
    for (const resource of explanation.resources) {
      process.stdout.write(
        `${resource.type}:${resource.name}  granted: ${resource.granted.join(',') || '(nothing)'}\n`,
      );
      for (const d of resource.decisions)
        process.stdout.write(`  ${d.granted ? 'yes' : 'no '} ${d.action}: ${d.clause}\n`);
    }
  });

program
  .command('apply')
  .description('apply a declarative configuration file (all or nothing)')
  .requiredOption('-f, --file <path>', 'portcullis.yaml')
  .action(async (o: { file: string }) => {
    const yaml = await readFile(o.file, 'utf8').catch(() => {
      throw new CliError(`Cannot read ${o.file}`, EXIT.usage);
    });
    print(
      json(),
      await longRunning((api) => api.POST('/api/v1/config/apply', { body: { yaml }, params: { header: ASYNC } })),
    );
  });

program
  .command('import <kind> <file>')
  .description(
    'import users from an htpasswd file, or users and ACL rules from a docker_auth config (kind: htpasswd | docker-auth)',
  )
  .action(async (kind: string, file: string) => {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new CliError(`Cannot read ${file}`, EXIT.usage);
    });
    const params = { header: ASYNC };
    if (kind === 'htpasswd')
      print(
        json(),
        await longRunning((api) => api.POST('/api/v1/config/import/htpasswd', { body: { htpasswd: text }, params })),
      );
    else if (kind === 'docker-auth')
      print(
        json(),
        await longRunning((api) => api.POST('/api/v1/config/import/docker-auth', { body: { yaml: text }, params })),
      );
    else throw new CliError('kind must be htpasswd or docker-auth', EXIT.usage);
  });

program
  .command('jobs')
  .description('long operations started by apply, import and discover')
  .command('show <id>')
  .description('show a job: its phase and progress, then its result or error')
  .option('--wait', 'wait until it ends (with a progress bar on a terminal), then print its result')
  .action(async (jobId: string, o: { wait?: boolean }) => {
    const api = await client();
    const poll = (id: string) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
    const job = await poll(jobId);
    if (!o.wait) return print(json(), job, ['id', 'kind', 'state', 'phase', 'done', 'total', 'actor', 'updatedAt']);
    print(json(), await waitForJob(job, poll, new JobProgress(!json() && process.stderr.isTTY === true)));
  });

addResourceCommands(program, {
  call,
  print: (value, columns) => print(json(), value, columns),
  printPage,
  json,
});

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.refused);
});
