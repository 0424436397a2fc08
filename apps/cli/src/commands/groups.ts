import type { Command } from 'commander';
import { id, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';

/** groups. */
export function addGroupCommands(program: Command, c: CommandContext): void {
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
}
