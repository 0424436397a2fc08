import type { Command } from 'commander';
import type { CommandContext } from '../context';
import { JobProgress, waitForJob } from '../jobs';

/** jobs: long operations started by apply, import and discover. */
export function addJobCommands(program: Command, c: CommandContext): void {
  program
    .command('jobs')
    .description('long operations started by apply, import and discover')
    .command('show <id>')
    .description('show a job: its phase and progress, then its result or error')
    .option('--wait', 'wait until it ends (with a progress bar on a terminal), then print its result')
    .action(async (jobId: string, o: { wait?: boolean }) => {
      const api = await c.client();
      const poll = (id: string) => c.unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
      const job = await poll(jobId);
      if (!o.wait) return c.print(job, ['id', 'kind', 'state', 'phase', 'done', 'total', 'actor', 'updatedAt']);
      c.print(await waitForJob(job, poll, new JobProgress(!c.json() && process.stderr.isTTY === true)));
    });
}
