import type { Command } from 'commander';
import type { CommandContext } from '../context';

/** search and explain: what exists that the caller may see, and why a token would grant what it does. */
export function addSearchCommands(program: Command, c: CommandContext): void {
  program
    .command('search <term>')
    .description('search users, groups, apps, registries, repositories and tags ("docker:term" for images only)')
    .action(async (term: string) => {
      const results = await c.call((api) => api.GET('/api/v1/search', { params: { query: { q: term, limit: 50 } } }));
      c.print(c.json() ? results : results.items, ['kind', 'name', 'registry', 'repository']);
    });

  program
    .command('explain <account> <service> <scope...>')
    .description('what a token would grant, and why (account "" for anonymous)')
    .action(async (account: string, service: string, scope: string[]) => {
      const explanation = await c.call((api) =>
        api.POST('/api/v1/access/explain', { body: { account, service, scope } }),
      );
      if (c.json()) return c.print(explanation);
      for (const resource of explanation.resources) {
        process.stdout.write(
          `${resource.type}:${resource.name}  granted: ${resource.granted.join(',') || '(nothing)'}\n`,
        );
        for (const d of resource.decisions)
          process.stdout.write(`  ${d.granted ? 'yes' : 'no '} ${d.action}: ${d.clause}\n`);
      }
    });
}
