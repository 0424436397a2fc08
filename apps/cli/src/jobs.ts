import { Format, type GenericFormatter, SingleBar } from 'cli-progress';
import type { Schemas } from '@portcullis/api-client';
import { CliError, EXIT, describeError } from './output';

export type Job = Schemas['JobDto'];

/** How often a running job is asked for its progress (the server writes it every 250 ms). */
const POLL_MS = 300;

/** Whether an answer of a long-running route is the job it started (202) rather than its result. */
export function isJob(answer: object): answer is Job {
  const job = answer as Partial<Job>;
  return typeof job.id === 'string' && typeof job.state === 'string' && typeof job.phase === 'string';
}

interface Payload {
  phase: string;
  counted: boolean;
}

/** "crawling repositories ████░░░░ 120/300", or "listing repositories… 1000" without a total. */
const format: GenericFormatter = (options, params, payload: Payload) =>
  payload.counted
    ? `${payload.phase} ${Format.BarFormat(params.progress, options)} ${params.value}/${params.total}`
    : `${payload.phase}…${params.value > 0 ? ` ${params.value}` : ''}`;

/**
 * A job's progress on stderr, one bar per phase (a finished phase keeps its line; a finished job
 * reports its last phase as it ended, so even a quick job leaves its count). Drawn only on
 * a terminal: cli-progress writes nothing to a pipe or file, so scripts see clean output.
 */
export class JobProgress {
  private bar: SingleBar | undefined;
  private phase: string | undefined;

  constructor(private readonly enabled: boolean) {}

  show(job: Job): void {
    if (!this.enabled) return;
    const payload: Payload = { phase: job.phase, counted: job.total !== null };
    if (job.phase !== this.phase) {
      this.bar?.stop();
      this.phase = job.phase;
      this.bar = new SingleBar({ format, hideCursor: true, barsize: 30, stream: process.stderr });
      this.bar.start(job.total ?? 0, job.done, payload);
    } else {
      if (job.total !== null) this.bar?.setTotal(job.total);
      this.bar?.update(job.done, payload);
    }
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/**
 * Polls a job until it ends, drawing its progress; its result, or a CliError with its error.
 * Interrupted (Ctrl-C), it says how to find the job again: it goes on on the server.
 */
export async function waitForJob(job: Job, poll: (id: string) => Promise<Job>, progress: JobProgress): Promise<object> {
  const interrupted = () => {
    progress.stop();
    process.stderr.write(`\nThe job goes on on the server: portcullis jobs show ${job.id} --wait\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    for (;;) {
      progress.show(job);
      if (job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await poll(job.id);
    }
  } finally {
    progress.stop();
    process.removeListener('SIGINT', interrupted);
  }
  if (job.state === 'failed') {
    throw new CliError(job.error ? describeError(job.error) : 'The job failed', EXIT.refused);
  }
  return job.result ?? {};
}
