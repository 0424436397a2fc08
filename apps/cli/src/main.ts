#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addAppCommands } from './commands/apps';
import { addAuditCommands } from './commands/audit';
import { addConfigCommands } from './commands/config';
import { addGroupCommands } from './commands/groups';
import { addJobCommands } from './commands/jobs';
import { addRegistryCommands } from './commands/registries';
import { addRepositoryCommands } from './commands/repos';
import { addRobotCommands } from './commands/robots';
import { addRuleCommands } from './commands/rules';
import { addSearchCommands } from './commands/search';
import { addServiceCommands } from './commands/services';
import { addSessionCommands } from './commands/session';
import { addTagCommands } from './commands/tags';
import { addTokenCommands } from './commands/tokens';
import { addUserCommands } from './commands/users';
import { commandContext } from './context';
import { CliError, EXIT } from './output';

/** The version in Portcullis's package.json, found above this file in the source or build tree. */
function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'portcullis' && manifest.version) return manifest.version;
    } catch {
      // not here; look higher
    }
  }
  return 'unknown';
}

const program = new Command()
  .name('portcullis')
  .description('Command line for Portcullis, the access-control server for private Docker registries.')
  .version(version())
  .option('--url <url>', 'Portcullis server URL (default: the one you logged in to, env PORTCULLIS_URL)')
  .option('--json', 'machine-readable output');

// Before any subcommand exists, so that they inherit it: usage errors exit 2, help exits 0.
program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
});

const context = commandContext(program);
// One file per command group (commands/); the order is the one `--help` lists.
for (const add of [
  addSessionCommands,
  addRegistryCommands,
  addRepositoryCommands,
  addTagCommands,
  addSearchCommands,
  addConfigCommands,
  addJobCommands,
  addUserCommands,
  addGroupCommands,
  addAppCommands,
  addServiceCommands,
  addRobotCommands,
  addTokenCommands,
  addRuleCommands,
  addAuditCommands,
]) {
  add(program, context);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.refused);
});
