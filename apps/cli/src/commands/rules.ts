import type { Command } from 'commander';
import { csv, id, pageQuery, withPaging } from '../args';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../output';

/** rules: custom rules, in evaluation order. */
export function addRuleCommands(program: Command, c: CommandContext): void {
  const rules = program.command('rules').description('custom rules, in evaluation order');
  withPaging(rules.command('ls')).action(async (o: { limit: string; cursor?: string }) =>
    c.printPage(await c.call((api) => api.GET('/api/v1/rules', { params: { query: pageQuery(o) } })), [
      'id',
      'position',
      'match',
      'actions',
      'comment',
    ]),
  );
  rules
    .command('add <match> <actions>')
    .description(
      'add a rule: match as JSON ({"account":"bob","name":"releases/**"}), actions comma-separated ("" denies)',
    )
    .option('--comment <text>')
    .option('--position <n>', '0-based place in the list')
    .action(async (match: string, actions: string, o: { comment?: string; position?: string }) => {
      let parsed: Record<string, string>;
      try {
        parsed = JSON.parse(match) as Record<string, string>;
      } catch {
        throw new CliError('match must be a JSON object', EXIT.usage);
      }
      const body = {
        match: parsed,
        actions: csv(actions),
        ...(o.comment ? { comment: o.comment } : {}),
        ...(o.position ? { position: id(o.position) } : {}),
      };
      c.print(await c.call((api) => api.POST('/api/v1/rules', { body })));
    });
  rules.command('rm <id>').action(async (ref: string) => {
    await c.call((api) => api.DELETE('/api/v1/rules/{id}', { params: { path: { id: id(ref) } } }));
    c.print({ deleted: id(ref) });
  });
}
