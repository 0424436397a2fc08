import type { Command } from 'commander';
import type { paths } from '@portcullis/api-client';
import { count } from '../args';
import type { CommandContext } from '../context';

// The server validates these; the casts only pass the user's words on.
type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;

/** audit: token decisions and changes, newest first (--follow for new ones). */
export function addAuditCommands(program: Command, c: CommandContext): void {
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
