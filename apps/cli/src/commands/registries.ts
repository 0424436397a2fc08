import type { Command } from 'commander';
import type { Schemas } from '@portcullis/api-client';
import { csv, pageQuery, withPaging } from '../args';
import { ASYNC, type CommandContext } from '../context';
import { EXIT } from '../output';

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
        c.print(await c.call((api) => api.POST('/api/v1/registries', { body })));
      },
    );
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
}
