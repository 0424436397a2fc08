import type { Command } from 'commander';
import { hostname } from 'node:os';
import { createPortcullisClient } from '@portcullis/api-client';
import { forgetLogin, readLogin, writeLogin } from '../config-store';
import { type CommandContext, readStdin } from '../context';
import { CliError, EXIT } from '../output';

/** status, login and logout: the server, and the kept personal access token. */
export function addSessionCommands(program: Command, c: CommandContext): void {
  program
    .command('status')
    .description('check that a Portcullis server answers and show its token realm')
    .action(async () => {
      const url = c.url() ?? (await readLogin())?.url ?? process.env.PORTCULLIS_URL ?? 'http://localhost:8080';
      let response: Response;
      try {
        response = await fetch(new URL('/api/v1/health', url), { signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        throw new CliError(
          `Portcullis at ${url} is unreachable: ${error instanceof Error ? error.message : String(error)}`,
          EXIT.unreachable,
        );
      }
      const certs = response.ok ? await fetch(new URL('/token/certs', url)).then((r) => r.text()) : '';
      const result = {
        url,
        healthy: response.ok,
        status: response.status,
        publishedKeys: (certs.match(/BEGIN CERTIFICATE/g) ?? []).length,
        realm: new URL('/token', url).href,
      };
      c.print(result);
      if (!response.ok) process.exitCode = EXIT.refused;
    });

  program
    .command('login')
    .description(
      'sign in and keep a personal access token for the next commands (password from --password-stdin or ' +
        'PORTCULLIS_PASSWORD; a second-factor code from --code or PORTCULLIS_CODE), or keep a personal access ' +
        'token created in the console (--token-stdin or PORTCULLIS_TOKEN: for accounts that sign in through a browser)',
    )
    .requiredOption('--user <name>', 'login name')
    .option('--password-stdin', 'read the password from standard input')
    .option('--code <code>', 'the code of your authenticator app (or a recovery code), for two-factor sign-in')
    .option('--token-stdin', 'read a personal access token from standard input instead of signing in')
    .action(async (options: { user: string; passwordStdin?: boolean; code?: string; tokenStdin?: boolean }) => {
      const url = c.url() ?? process.env.PORTCULLIS_URL ?? 'http://localhost:8080';
      const given = options.tokenStdin ? await readStdin() : process.env.PORTCULLIS_TOKEN;
      if (given) {
        const me = await c.unwrap(createPortcullisClient(url, given).GET('/api/v1/auth/me'));
        if (me.name !== options.user || me.token === null) {
          throw new CliError(`That is not a personal access token of ${options.user}`, EXIT.refused);
        }
        await writeLogin({ url, user: options.user, token: given, tokenId: me.token.id });
        c.print({ url, user: options.user, token: me.token.name });
        return;
      }
      const password = options.passwordStdin ? await readStdin() : process.env.PORTCULLIS_PASSWORD;
      if (!password) throw new CliError('Give the password with --password-stdin or PORTCULLIS_PASSWORD', EXIT.usage);
      const code = options.code ?? process.env.PORTCULLIS_CODE;
      const session = await c.unwrap(
        createPortcullisClient(url).POST('/api/v1/auth/login', {
          body: { username: options.user, password, ...(code ? { code } : {}) },
        }),
      );
      const token = await c.unwrap(
        createPortcullisClient(url, session.accessToken).POST('/api/v1/access-tokens', {
          body: { name: `portcullis CLI on ${hostname()}`.slice(0, 100) },
        }),
      );
      await writeLogin({ url, user: options.user, token: token.token, tokenId: token.id });
      c.print({ url, user: options.user, token: token.name });
    });

  program
    .command('logout')
    .description('revoke the kept token and forget it')
    .action(async () => {
      const login = await readLogin();
      if (login)
        await c
          .unwrap(
            createPortcullisClient(login.url, login.token).DELETE('/api/v1/access-tokens/{id}', {
              params: { path: { id: login.tokenId } },
            }),
          )
          .catch(() => undefined);
      await forgetLogin();
      c.print({ loggedOut: true });
    });
}
