import type { Command } from 'commander';
import type { Schemas } from '@portcullis/api-client';
import { csv, id, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';

// The server validates these; the casts only pass the user's words on.
type Privilege = NonNullable<Schemas['CreateUserDto']['privileges']>[number];

/** users: accounts (admins). */
export function addUserCommands(program: Command, c: CommandContext): void {
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
}
