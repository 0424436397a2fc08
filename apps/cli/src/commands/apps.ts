import type { Command } from 'commander';
import { csv, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';

/** apps: applications and their groups. */
export function addAppCommands(program: Command, c: CommandContext): void {
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
}
