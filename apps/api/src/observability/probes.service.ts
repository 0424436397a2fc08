import { Injectable } from '@nestjs/common';
import { AccessGeneration } from '../cluster/access-generation';
import { findMigrationsDir, readMigrations } from '../database/migrator';
import { ProbesRepository } from './probes.repository';

export interface Readiness {
  readonly ready: boolean;
  readonly database: boolean;
  readonly pendingMigrations: string[];
  readonly registries: Record<string, number>;
  /** The replica is stopping (SIGTERM): it still answers, but wants no new traffic. */
  readonly stopping: boolean;
}

/** What the probes check: whether the database answers, and holds every migration of this build. */
@Injectable()
export class ProbesService {
  private readonly expected = readMigrations(findMigrationsDir()).then((all) => all.map((m) => m.name));
  private stopping = false;

  constructor(
    private readonly probes: ProbesRepository,
    private readonly generation: AccessGeneration,
  ) {}

  /**
   * The read the replica itself relies on, with its one-second deadline: a failure here also makes
   * API calls answer 503 at once until the database is back.
   */
  databaseAnswers(): Promise<boolean> {
    return this.generation.sync().then(
      () => true,
      () => false,
    );
  }

  /** From now on the replica is not ready: load balancers stop sending it traffic while it finishes. */
  drain(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async readiness(): Promise<Readiness> {
    const database = await this.databaseAnswers();
    const [applied, registries] = database
      ? await Promise.all([this.probes.appliedMigrations(), this.probes.registryStates()]).catch(
          () => [null, {}] as const,
        )
      : ([null, {}] as const);
    const expected = await this.expected;
    const pendingMigrations = applied === null ? expected : expected.filter((name) => !applied.includes(name));
    const ready = !this.stopping && database && applied !== null && pendingMigrations.length === 0;
    return { ready, database, pendingMigrations, registries, stopping: this.stopping };
  }
}
