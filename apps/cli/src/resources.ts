import type { Command } from 'commander';
import type { Schemas, createPortcullisClient, paths } from '@portcullis/api-client';
import { count, csv, id, pageQuery, withPaging } from './args';
import { CliError, EXIT } from './output';

export type Api = ReturnType<typeof createPortcullisClient>;
// The server validates these; the casts only pass the user's words on.
type RobotAction = Schemas['RobotPermissionDto']['actions'][number];
type Privilege = NonNullable<Schemas['CreateUserDto']['privileges']>[number];
type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;

/** What a call of the generated client resolves to. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface CommandContext {
  /** One API call with the kept login: its data, or a CliError. */
  call: <T>(request: (api: Api) => Promise<Answer<T>>) => Promise<T>;
  print: (value: unknown, columns?: string[]) => void;
  /** A page of a list: its items as a table (and how to get the next page), or the page as JSON. */
  printPage: (page: { items: unknown[]; nextCursor: string | null }, columns: string[]) => void;
  json: () => boolean;
}

/** users, groups, apps, services, robots, tokens, rules and audit: the people, machines and rules. */
export function addResourceCommands(program: Command, c: CommandContext): void {
  const users = program.command('users').description('users (admins)');
  withPaging(users.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/users', { params: { query: pageQuery(o) } })), [
      'id',
      'name',
      'isAdmin',
      'disabled',
      'privileges',
      'groups',
    ]),
  );
  users
    .command('add <name>')
    .description('create a user (password from PORTCULLIS_NEW_PASSWORD)')
    .option('--groups <names>', 'comma-separated groups')
    .option(
      '--privileges <names>',
      'comma-separated: DockerRegistriesPuller, DockerRegistriesPusher, DockerRegistriesManager',
    )
    .option('--admin', 'an administrator')
    .action(async (name: string, o: { groups?: string; privileges?: string; admin?: boolean }) => {
      const password = process.env.PORTCULLIS_NEW_PASSWORD;
      if (!password) throw new CliError('Give the new password in PORTCULLIS_NEW_PASSWORD', EXIT.usage);
      const body = {
        name,
        password,
        ...(o.groups ? { groups: csv(o.groups) } : {}),
        ...(o.privileges ? { privileges: csv(o.privileges) as Privilege[] } : {}),
        ...(o.admin ? { isAdmin: true } : {}),
      };
      c.print(await c.call((api) => api.POST('/api/v1/users', { body })));
    });
  users.command('disable <id>').action(async (ref: string) =>
    c.print(
      await c.call((api) =>
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: id(ref) } },
          body: { disabled: true },
        }),
      ),
    ),
  );
  users.command('rm <id>').action(async (ref: string) => {
    await c.call((api) => api.DELETE('/api/v1/users/{id}', { params: { path: { id: id(ref) } } }));
    c.print({ deleted: id(ref) });
  });

  const groups = program.command('groups').description('groups');
  withPaging(groups.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/groups', { params: { query: pageQuery(o) } })), [
      'id',
      'name',
      'memberCount',
    ]),
  );
  groups
    .command('add <name>')
    .action(async (name: string) => c.print(await c.call((api) => api.POST('/api/v1/groups', { body: { name } }))));
  groups.command('rm <id>').action(async (ref: string) => {
    await c.call((api) => api.DELETE('/api/v1/groups/{id}', { params: { path: { id: id(ref) } } }));
    c.print({ deleted: id(ref) });
  });

  const apps = program.command('apps').description('applications');
  withPaging(apps.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/apps', { params: { query: pageQuery(o) } })), [
      'id',
      'name',
      'responsibles',
      'publications',
    ]),
  );
  apps
    .command('add <name>')
    .option('--responsibles <groups>', 'comma-separated groups that push apps/<name>/')
    .option('--publications <groups>', 'comma-separated groups that pull apps/<name>/')
    .action(async (name: string, o: { responsibles?: string; publications?: string }) => {
      const body = {
        name,
        ...(o.responsibles ? { responsibles: csv(o.responsibles) } : {}),
        ...(o.publications ? { publications: csv(o.publications) } : {}),
      };
      c.print(await c.call((api) => api.POST('/api/v1/apps', { body })));
    });

  const services = program.command('services').description("apps' machine identities (docker login service/<name>)");
  withPaging(services.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/services', { params: { query: pageQuery(o) } })), [
      'id',
      'login',
      'app',
      'revoked',
      'lastUsedAt',
    ]),
  );
  services
    .command('add <name> <app>')
    .description('create a service; its secret is printed once')
    .action(async (name: string, app: string) => {
      c.print(await c.call((api) => api.POST('/api/v1/services', { body: { name, app } })));
    });
  services
    .command('rotate <id>')
    .action(async (ref: string) =>
      c.print(await c.call((api) => api.POST('/api/v1/services/{id}/rotate', { params: { path: { id: id(ref) } } }))),
    );
  services
    .command('revoke <id>')
    .action(async (ref: string) =>
      c.print(await c.call((api) => api.POST('/api/v1/services/{id}/revoke', { params: { path: { id: id(ref) } } }))),
    );

  const robots = program.command('robots').description('CI robots (docker login robot/<name>)');
  withPaging(robots.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/robots', { params: { query: pageQuery(o) } })), [
      'id',
      'login',
      'app',
      'permissions',
      'expiresAt',
      'revoked',
    ]),
  );
  robots
    .command('add <name> <app>')
    .description('create a robot; its secret is printed once')
    .requiredOption('--repositories <pattern>', 'e.g. apps/shop/**')
    .option('--actions <list>', 'comma-separated: pull, push, delete, *', 'pull,push')
    .option('--expires <rfc3339>', 'expiry time')
    .action(async (name: string, app: string, o: { repositories: string; actions: string; expires?: string }) => {
      const body = {
        name,
        app,
        permissions: [{ repositories: o.repositories, actions: csv(o.actions) as RobotAction[] }],
        ...(o.expires ? { expiresAt: o.expires } : {}),
      };
      c.print(await c.call((api) => api.POST('/api/v1/robots', { body })));
    });
  robots
    .command('rotate <id>')
    .action(async (ref: string) =>
      c.print(await c.call((api) => api.POST('/api/v1/robots/{id}/rotate', { params: { path: { id: id(ref) } } }))),
    );
  robots
    .command('revoke <id>')
    .action(async (ref: string) =>
      c.print(await c.call((api) => api.POST('/api/v1/robots/{id}/revoke', { params: { path: { id: id(ref) } } }))),
    );

  const tokens = program.command('tokens').description('your personal access tokens');
  withPaging(tokens.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/access-tokens', { params: { query: pageQuery(o) } })), [
      'id',
      'name',
      'readOnly',
      'registries',
      'expiresAt',
      'lastUsedAt',
    ]),
  );
  tokens
    .command('create <name>')
    .description('create a token (printed once): a docker password and an API bearer token')
    .option('--read-only', 'pull only')
    .option('--registries <services>', 'comma-separated registry services')
    .option('--expires <rfc3339>', 'expiry time')
    .action(async (name: string, o: { readOnly?: boolean; registries?: string; expires?: string }) => {
      const body = {
        name,
        ...(o.readOnly ? { readOnly: true } : {}),
        ...(o.registries ? { registries: csv(o.registries) } : {}),
        ...(o.expires ? { expiresAt: o.expires } : {}),
      };
      c.print(await c.call((api) => api.POST('/api/v1/access-tokens', { body })));
    });
  tokens.command('revoke <id>').action(async (ref: string) => {
    await c.call((api) => api.DELETE('/api/v1/access-tokens/{id}', { params: { path: { id: ref } } }));
    c.print({ revoked: ref });
  });

  const rules = program.command('rules').description('custom rules, in evaluation order');
  withPaging(rules.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/rules', { params: { query: pageQuery(o) } })), [
      'id',
      'position',
      'match',
      'actions',
      'comment',
    ]),
  );
  rules
    .command('add <match> <actions>')
    .description(
      'add a rule: match as JSON ({"account":"bob","name":"releases/**"}), actions comma-separated ("" denies)',
    )
    .option('--comment <text>')
    .option('--position <n>', '0-based place in the list')
    .action(async (match: string, actions: string, o: { comment?: string; position?: string }) => {
      let parsed: Record<string, string>;
      try {
        parsed = JSON.parse(match) as Record<string, string>;
      } catch {
        throw new CliError('match must be a JSON object', EXIT.usage);
      }
      const body = {
        match: parsed,
        actions: csv(actions),
        ...(o.comment ? { comment: o.comment } : {}),
        ...(o.position ? { position: id(o.position) } : {}),
      };
      c.print(await c.call((api) => api.POST('/api/v1/rules', { body })));
    });
  rules.command('rm <id>').action(async (ref: string) => {
    await c.call((api) => api.DELETE('/api/v1/rules/{id}', { params: { path: { id: id(ref) } } }));
    c.print({ deleted: id(ref) });
  });

  program
    .command('audit')
    .description('token decisions and changes, newest first')
    .option('--actor <login>')
    .option('--registry <service>')
    .option('--outcome <outcome>', 'granted, partial, denied, refused, ok, failed')
    .option('--category <category>', 'token, change, login')
    .option('--limit <n>', 'how many', '20')
    .option('--follow', 'keep printing new events (Ctrl-C stops)')
    .action(
      async (o: {
        actor?: string;
        registry?: string;
        outcome?: string;
        category?: string;
        limit: string;
        follow?: boolean;
      }) => {
        const query = {
          limit: count(o.limit),
          ...(o.actor ? { actor: o.actor } : {}),
          ...(o.registry ? { registry: o.registry } : {}),
          ...(o.outcome ? { outcome: o.outcome as AuditQuery['outcome'] } : {}),
          ...(o.category ? { category: o.category as AuditQuery['category'] } : {}),
        };
        const columns = ['at', 'category', 'action', 'count', 'actor', 'registry', 'outcome', 'clause'];
        const page = await c.call((api) => api.GET('/api/v1/audit', { params: { query } }));
        c.print(c.json() ? page : [...page.items].reverse(), columns);
        if (!o.follow) return;
        let last = page.items[0]?.at ?? new Date().toISOString();
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          const next = await c.call((api) =>
            api.GET('/api/v1/audit', { params: { query: { ...query, since: last } } }),
          );
          const fresh = next.items.filter((e) => e.at > last).reverse();
          if (fresh.length > 0) {
            c.print(fresh, columns);
            last = fresh[fresh.length - 1]!.at;
          }
        }
      },
    );
}
