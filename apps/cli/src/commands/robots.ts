import type { Command } from 'commander';
import type { Schemas } from '@portcullis/api-client';
import { csv, id, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';

// The server validates these; the casts only pass the user's words on.
type RobotAction = Schemas['RobotPermissionDto']['actions'][number];

/** robots: CI robots and their permissions. */
export function addRobotCommands(program: Command, c: CommandContext): void {
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
}
