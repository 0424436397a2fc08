import type { Command } from 'commander';
import { csv, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';

/** tokens: your personal access tokens. */
export function addTokenCommands(program: Command, c: CommandContext): void {
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
}
