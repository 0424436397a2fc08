import type { Command } from 'commander';
import { id, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';

/** services: apps' machine identities. */
export function addServiceCommands(program: Command, c: CommandContext): void {
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
}
