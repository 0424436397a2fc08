import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

export type JobRow = Prisma.JobGetPayload<object>;

@Injectable()
export class JobsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { id: string; kind: string; actor: string; phase: string }): Promise<JobRow> {
    return this.prisma.job.create({ data: { ...data, state: 'running' } });
  }

  find(id: string): Promise<JobRow | null> {
    return this.prisma.job.findUnique({ where: { id } });
  }

  /** Progress, and the heartbeat that says the job is alive. */
  async progress(id: string, at: Date, phase: string, done: number, total: number | null): Promise<void> {
    await this.prisma.job.updateMany({
      where: { id, state: 'running' },
      data: { phase: phase.slice(0, 100), done, total, updatedAt: at },
    });
  }

  /** The outcome, and the progress of the last phase as it ended. */
  async finish(
    id: string,
    at: Date,
    last: { phase: string; done: number; total: number | null },
    outcome: { state: 'succeeded'; result: object } | { state: 'failed'; error: object },
  ): Promise<void> {
    await this.prisma.job.update({
      where: { id },
      data: {
        state: outcome.state,
        phase: last.phase.slice(0, 100),
        done: last.done,
        total: last.total,
        updatedAt: at,
        finishedAt: at,
        ...(outcome.state === 'succeeded' ? { result: outcome.result } : { error: outcome.error }),
      },
    });
  }

  /** Marks running jobs whose heartbeat stopped before `cutoff` as failed with `error`. */
  async failStale(cutoff: Date, at: Date, error: object): Promise<void> {
    await this.prisma.job.updateMany({
      where: { state: 'running', updatedAt: { lt: cutoff } },
      data: { state: 'failed', finishedAt: at, error: error },
    });
  }

  async deleteCreatedBefore(cutoff: Date): Promise<number> {
    return (await this.prisma.job.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
  }
}
