import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import type { UserIdentity } from '@portcullis/domain';
import { AccessGeneration } from '../cluster/access-generation';
import { AppError, ErrorCode, statusOf } from '../common/app-error';
import { errorBodyOf, internalErrorBody } from '../errors/api-exception.filter';
import type { JobDto, JobKind, JobState } from './job.dto';
import { type JobRow, JobsRepository } from './jobs.repository';
import type { Operation } from './operation';

/** How often a running job writes its progress at most, and beats when it has none to write. */
const PROGRESS_EVERY_MS = 250;
const HEARTBEAT_EVERY_MS = 5_000;
/** A running job whose replica has not beaten for this long is reported as interrupted. */
export const JOB_STALE_MS = 30_000;
const KEEP_DAYS = 7;

function toDto(row: JobRow): JobDto {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    state: row.state as JobState,
    phase: row.phase,
    done: row.done,
    total: row.total,
    actor: row.actor,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
    result: (row.result as object | null) ?? null,
    error: (row.error as JobDto['error']) ?? null,
  };
}

/**
 * Runs long operations in the background of the replica that accepted them, keeping their
 * progress, result or error in the database, so that any replica answers whoever polls.
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly repository: JobsRepository,
    private readonly generation: AccessGeneration,
  ) {}

  /** Starts `operation` as a job of `caller`; `correlationId` names the request in its error. */
  async start<T extends object>(
    kind: JobKind,
    caller: UserIdentity,
    correlationId: string,
    operation: Operation<T>,
  ): Promise<JobDto> {
    const row = await this.repository.create({ id: randomUUID(), kind, actor: caller.name, phase: 'starting' });
    const run = this.run(row.id, correlationId, operation).finally(() => this.running.delete(run));
    this.running.add(run);
    return toDto(row);
  }

  /** The caller's job (or any job, for an admin). */
  async get(caller: UserIdentity, id: string): Promise<JobDto> {
    await this.failInterrupted();
    const row = await this.repository.find(id);
    if (!row || (row.actor !== caller.name && !caller.isAdmin)) {
      throw new AppError(ErrorCode.JOB_NOT_FOUND, `No job ${id}`);
    }
    return toDto(row);
  }

  @Cron(CronExpression.EVERY_HOUR)
  async forgetOldJobs(): Promise<void> {
    await this.failInterrupted();
    await this.repository.deleteCreatedBefore(new Date(Date.now() - KEEP_DAYS * 86_400_000));
  }

  /** Lets running jobs finish before the replica stops. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async failInterrupted(): Promise<void> {
    const now = Date.now();
    await this.repository.failStale(new Date(now - JOB_STALE_MS), new Date(now), {
      statusCode: statusOf(ErrorCode.JOB_INTERRUPTED),
      code: ErrorCode.JOB_INTERRUPTED,
      message: 'The Portcullis replica running this job stopped before it finished; start it again',
      correlationId: '',
    });
  }

  private async run<T extends object>(id: string, correlationId: string, operation: Operation<T>): Promise<void> {
    // The latest progress, written at most every PROGRESS_EVERY_MS; unchanged, it is re-written
    // every HEARTBEAT_EVERY_MS as the sign that this replica still runs the job.
    let latest = { phase: 'starting', done: 0, total: null as number | null };
    let written = latest;
    let writtenAt = 0;
    let writing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      if (latest === written && Date.now() - writtenAt < HEARTBEAT_EVERY_MS) return;
      const next = latest;
      writing = writing
        .then(() => this.repository.progress(id, new Date(), next.phase, next.done, next.total))
        .then(() => {
          written = next;
          writtenAt = Date.now();
        })
        .catch((error: unknown) => this.logger.warn(`Job ${id}: progress not saved: ${String(error)}`));
    }, PROGRESS_EVERY_MS);
    timer.unref();
    let outcome: { state: 'succeeded'; result: object } | { state: 'failed'; error: object };
    try {
      const result = await operation({
        background: true,
        progress: (phase, done = 0, total) => (latest = { phase, done, total: total ?? null }),
      });
      outcome = { state: 'succeeded', result: JSON.parse(JSON.stringify(result)) as object };
    } catch (error) {
      let body = errorBodyOf(error, correlationId);
      if (body === undefined) {
        this.logger.error(
          `Job ${id} failed (correlation id ${correlationId})`,
          error instanceof Error ? error.stack : String(error),
        );
        body = internalErrorBody(correlationId);
      }
      outcome = { state: 'failed', error: body };
    } finally {
      clearInterval(timer);
    }
    await writing;
    // What the job changed is in force here (and published to the other replicas) before it reads as done.
    await this.generation.changedHere();
    try {
      await this.repository.finish(id, new Date(), latest, outcome);
    } catch (error) {
      // The database went away: the job shows as interrupted once its heartbeat is stale.
      this.logger.error(`Job ${id}: outcome not saved: ${String(error)}`);
    }
  }
}
