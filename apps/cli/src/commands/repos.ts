import type { Command } from 'commander';
import { pageQuery } from '../args';
import type { CommandContext } from '../context';

/** repos: the repositories of a registry that the caller may pull. */
export function addRepositoryCommands(program: Command, c: CommandContext): void {
  const repos = program.command('repos').description('repositories of a registry (those you may pull)');
  repos
    .command('ls <registry>')
    .option('--query <text>', 'only names containing this')
    .option('--limit <n>', 'at most this many (1 to 100)', '50')
    .option('--cursor <cursor>', 'the next page, as the previous page printed it')
    .action(async (ref: string, o: { query?: string; limit: string; cursor?: string }) => {
      const query = { ...pageQuery(o), ...(o.query ? { q: o.query } : {}) };
      const page = await c.call(async (api) =>
        api.GET('/api/v1/registries/{id}/repositories', { params: { path: { id: await c.registryId(ref) }, query } }),
      );
      const named = { ...page, items: page.items.map((r) => ({ ...r, tags: r.tags.map((t) => t.name) })) };
      c.printPage(c.json() ? page : named, ['name', 'tags', 'pullCount', 'starCount', 'description']);
    });
  repos.command('show <registry> <repository>').action(async (ref: string, repository: string) => {
    c.print(
      await c.call(async (api) =>
        api.GET('/api/v1/registries/{id}/repositories/{repository}', {
          params: { path: { id: await c.registryId(ref), repository } },
        }),
      ),
    );
  });
}
