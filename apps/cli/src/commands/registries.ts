import type { Command } from 'commander';
import { access, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Schemas } from '@portcullis/api-client';
import { csv, pageQuery, withPaging } from '../args';
import { ASYNC, type CommandContext } from '../context';
import { extractInto } from '../extract';
import { CliError, EXIT } from '../output';

/** registries: declared registries, their configuration and crawls. */
export function addRegistryCommands(program: Command, c: CommandContext): void {
  const registries = program.command('registries').description('declared registries');
  withPaging(registries.command('ls'))
    .description('list registries')
    .option('--query <text>', 'only services containing this')
    .action(async (o: { limit: string; cursor?: string; query?: string }) => {
      const query = { ...pageQuery(o), ...(o.query ? { q: o.query } : {}) };
      c.printPage(await c.call((api) => api.GET('/api/v1/registries', { params: { query } })), [
        'id',
        'service',
        'url',
        'discoveryState',
        'repositoryCount',
        'publications',
        'responsibles',
      ]);
    });
  withPolicyOptions(registries.command('add <service> <url>').description('declare a registry'), false).action(
    async (service: string, url: string, o: PolicyOptions) => {
      const body: Schemas['CreateRegistryDto'] = { service, url, ...policyFields(o) };
      c.print(await c.call((api) => api.POST('/api/v1/registries', { body })));
    },
  );
  withPolicyOptions(
    registries
      .command('set <registry>')
      .description("change a registry's settings (only those given; lists replace the old ones)")
      .option('--registry-url <url>', 'where Portcullis reaches its API (its url)'),
    true,
  ).action(async (ref: string, o: PolicyOptions & { registryUrl?: string }) => {
    const body: Schemas['UpdateRegistryDto'] = {
      ...(o.registryUrl === undefined ? {} : { url: o.registryUrl }),
      ...policyFields(o),
    };
    if (Object.keys(body).length === 0) throw new CliError('Give at least one setting to change', EXIT.usage);
    const id = await c.registryId(ref);
    c.print(await c.call((api) => api.PATCH('/api/v1/registries/{id}', { params: { path: { id } }, body })));
  });
  registries
    .command('show <registry>')
    .description('show a registry and its discovery status')
    .action(async (ref: string) => {
      c.print(
        await c.call(async (api) =>
          api.GET('/api/v1/registries/{id}', { params: { path: { id: await c.registryId(ref) } } }),
        ),
      );
    });
  registries
    .command('rm <registry>')
    .description('remove a registry')
    .action(async (ref: string) => {
      const id = await c.registryId(ref);
      await c.call((api) => api.DELETE('/api/v1/registries/{id}', { params: { path: { id } } }));
      c.print({ deleted: id });
    });
  registries
    .command('config <registry>')
    .description("print the registry's config.yml (or --nginx its nginx.conf)")
    .option('--nginx', 'print the nginx.conf instead')
    .action(async (ref: string, o: { nginx?: boolean }) => {
      const config = await c.call(async (api) =>
        api.GET('/api/v1/registries/{id}/config', { params: { path: { id: await c.registryId(ref) } } }),
      );
      if (c.json()) c.print(config);
      else process.stdout.write(o.nginx ? config.nginxConf : config.configYml);
    });
  registries
    .command('discover <registry>')
    .description('crawl the registry now')
    .option('--due', "read only what the schedule's crawl would (a registry that notifies: new and due repositories)")
    .action(async (ref: string, o: { due?: boolean }) => {
      const id = await c.registryId(ref);
      const query = o.due ? { mode: 'due' as const } : {};
      const result = await c.longRunning((api) =>
        api.POST('/api/v1/registries/{id}/discover', { params: { path: { id }, query, header: ASYNC } }),
      );
      c.print(result);
      if (!result.ok) process.exitCode = EXIT.refused;
    });
  registries
    .command('provision <registry>')
    .description(
      'write the files the registry runs with into --dir: config.yml, nginx.conf, a certificate, the token ' +
        "bundle and a README (a pull-through cache with --proxy-remote; the upstream's password from " +
        'PORTCULLIS_PROXY_PASSWORD)',
    )
    .requiredOption('--dir <dir>', 'where to write the files (created if missing; must be empty unless --force)')
    .option('--registry-listen <address>', 'the loopback address the registry listens on', '127.0.0.1:5000')
    .option(
      '--storage <dir>',
      'where the registry stores images (Debian: /var/lib/docker-registry)',
      '/var/lib/registry',
    )
    .option('--proxy-remote <url>', "a pull-through cache of this registry's URL")
    .option('--proxy-username <name>', "the upstream registry's user")
    .option('--cert <file>', "the front's certificate (PEM) instead of a self-signed one; with --key")
    .option('--key <file>', "the front's private key (PEM); with --cert")
    .option('--force', 'overwrite the files of a directory that has some')
    .option(
      '--front-dir <dir>',
      'also put this registry behind the nginx provisioned in <dir> (links its server file there; reload that nginx)',
    )
    .action(
      async (
        ref: string,
        o: {
          dir: string;
          registryListen: string;
          storage: string;
          proxyRemote?: string;
          proxyUsername?: string;
          cert?: string;
          key?: string;
          force?: boolean;
          frontDir?: string;
        },
      ) => {
        if ((o.cert === undefined) !== (o.key === undefined))
          throw new CliError('Give --cert and --key together', EXIT.usage);
        const dir = resolve(o.dir);
        const own = o.cert === undefined ? undefined : await readTls(o.cert, o.key!);
        const id = await c.registryId(ref);
        const password = process.env.PORTCULLIS_PROXY_PASSWORD;
        const archive = await c.call(async (api) => {
          const answer = await api.GET('/api/v1/registries/{id}/provision', {
            params: {
              path: { id },
              query: {
                dir,
                registryListen: o.registryListen,
                storage: o.storage,
                ...(o.proxyRemote ? { proxyRemote: o.proxyRemote } : {}),
                ...(o.proxyUsername ? { proxyUsername: o.proxyUsername } : {}),
              },
              header: password ? { 'X-Portcullis-Proxy-Password': password } : {},
            },
            parseAs: 'arrayBuffer',
          });
          return { ...answer, data: answer.data === undefined ? undefined : Buffer.from(answer.data) };
        });
        const written = await extractInto(archive, dir, o.force === true);
        if (own) {
          await writeFile(join(dir, 'tls/server.crt'), own.cert);
          await writeFile(join(dir, 'tls/server.key'), own.key, { mode: 0o600 });
        }
        const front = o.frontDir === undefined ? undefined : await linkServers(dir, resolve(o.frontDir));
        c.print({ dir, files: written, readme: join(dir, 'README.md'), ...(front ? { front } : {}) });
      },
    );
}

/** The settings `add` and `set` share. */
interface PolicyOptions {
  insecure?: boolean;
  restricted?: boolean;
  fronted?: boolean;
  publications?: string;
  responsibles?: string;
  anonymousPull?: string;
}

/** The policy options; `negatable`: with their --no- forms, to turn a setting off. */
function withPolicyOptions(command: Command, negatable: boolean): Command {
  command
    .option('--insecure', 'skip TLS verification towards it')
    .option('--restricted', 'pushing to users/, groups/, apps/ needs responsibility')
    .option(
      '--fronted',
      'it runs behind its provisioned front, its API on loopback only: everyone may read its catalog, filtered by pull',
    )
    .option('--publications <groups>', 'comma-separated group names')
    .option('--responsibles <groups>', 'comma-separated group names')
    .option('--anonymous-pull <patterns>', 'comma-separated public repository patterns ("" for none)');
  if (negatable)
    command
      .option('--no-insecure', 'verify TLS towards it')
      .option('--no-restricted', 'publication is enough to push to users/, groups/, apps/')
      .option('--no-fronted', 'its catalog for admins and responsibles only');
  return command;
}

function policyFields(o: PolicyOptions): Schemas['UpdateRegistryDto'] {
  return {
    ...(o.insecure === undefined ? {} : { insecure: o.insecure }),
    ...(o.restricted === undefined ? {} : { restricted: o.restricted }),
    ...(o.fronted === undefined ? {} : { fronted: o.fronted }),
    ...(o.publications === undefined ? {} : { publications: csv(o.publications) }),
    ...(o.responsibles === undefined ? {} : { responsibles: csv(o.responsibles) }),
    ...(o.anonymousPull === undefined ? {} : { anonymousPull: csv(o.anonymousPull) }),
  };
}

/** Links the server files of `dir` into the `servers/` of another provisioned front. */
async function linkServers(dir: string, frontDir: string): Promise<string[]> {
  const target = join(frontDir, 'servers');
  try {
    await access(join(frontDir, 'nginx.conf'));
    await mkdir(target, { recursive: true });
    const linked: string[] = [];
    for (const name of await readdir(join(dir, 'servers'))) {
      const link = join(target, name);
      await rm(link, { force: true });
      await symlink(join(dir, 'servers', name), link);
      linked.push(link);
    }
    return linked;
  } catch (error) {
    throw new CliError(
      `Cannot add the registry to the front in ${frontDir}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.usage,
    );
  }
}

async function readTls(cert: string, key: string): Promise<{ cert: string; key: string }> {
  try {
    return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') };
  } catch (error) {
    throw new CliError(
      `Cannot read --cert or --key: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.usage,
    );
  }
}
