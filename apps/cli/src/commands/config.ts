import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { ASYNC, type CommandContext } from '../context';
import { CliError, EXIT } from '../output';

/** apply and import: configuration as code, htpasswd and docker_auth files. */
export function addConfigCommands(program: Command, c: CommandContext): void {
  program
    .command('apply')
    .description('apply a declarative configuration file (all or nothing)')
    .requiredOption('-f, --file <path>', 'portcullis.yaml')
    .action(async (o: { file: string }) => {
      const yaml = await readFile(o.file, 'utf8').catch(() => {
        throw new CliError(`Cannot read ${o.file}`, EXIT.usage);
      });
      c.print(
        await c.longRunning((api) => api.POST('/api/v1/config/apply', { body: { yaml }, params: { header: ASYNC } })),
      );
    });

  program
    .command('import <kind> <file>')
    .description(
      'import users from an htpasswd file, or users and ACL rules from a docker_auth config (kind: htpasswd | docker-auth)',
    )
    .action(async (kind: string, file: string) => {
      const text = await readFile(file, 'utf8').catch(() => {
        throw new CliError(`Cannot read ${file}`, EXIT.usage);
      });
      const params = { header: ASYNC };
      if (kind === 'htpasswd')
        c.print(
          await c.longRunning((api) =>
            api.POST('/api/v1/config/import/htpasswd', { body: { htpasswd: text }, params }),
          ),
        );
      else if (kind === 'docker-auth')
        c.print(
          await c.longRunning((api) => api.POST('/api/v1/config/import/docker-auth', { body: { yaml: text }, params })),
        );
      else throw new CliError('kind must be htpasswd or docker-auth', EXIT.usage);
    });
}
