import type { Command } from 'commander';
import type { CommandContext } from '../context';

/** tags: a repository's tags, and deleting them. */
export function addTagCommands(program: Command, c: CommandContext): void {
  const tags = program.command('tags').description('tags of a repository');
  tags.command('ls <registry> <repository>').action(async (ref: string, repository: string) => {
    const repo = await c.call(async (api) =>
      api.GET('/api/v1/registries/{id}/repositories/{repository}', {
        params: { path: { id: await c.registryId(ref), repository } },
      }),
    );
    c.print(repo.tags, ['name', 'digest', 'size', 'created', 'mediaType']);
  });
  tags
    .command('rm <registry> <repository> <tag>')
    .description('delete a tag from the registry (every tag sharing its digest goes too: --force)')
    .option('--force', 'also when other tags share the digest')
    .action(async (ref: string, repository: string, tag: string, o: { force?: boolean }) => {
      c.print(
        await c.call(async (api) =>
          api.DELETE('/api/v1/registries/{id}/repositories/{repository}/tags/{tag}', {
            params: { path: { id: await c.registryId(ref), repository, tag }, query: o.force ? { force: true } : {} },
          }),
        ),
      );
    });
}
