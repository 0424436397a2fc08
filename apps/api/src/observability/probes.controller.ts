import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth.decorators';
import { ProbesService } from './probes.service';

export class LiveDto {
  /** Always `alive`: the process answers. */
  status!: 'alive';
}

export class ReadyChecksDto {
  /** The database answered within a second. */
  database!: boolean;
  /** Migrations of this build that the database has not applied. */
  pendingMigrations!: string[];
  /** Registries by discovery state (`ok`, `down`, `unknown`): reported, never a reason to be unready. */
  registries!: Record<string, number>;
  /** The replica is stopping (it received SIGTERM): unready while it finishes what it has. */
  stopping!: boolean;
}

export class ReadyDto {
  /** `ready`, or `unready` (with 503) when the database does not answer or lacks migrations, or the replica is stopping. */
  status!: 'ready' | 'unready';
  checks!: ReadyChecksDto;
}

/**
 * Probes for orchestrators and load balancers, outside /api/v1: liveness (the process answers) and
 * readiness (the database answers quickly and holds every migration this build expects).
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class ProbesController {
  constructor(private readonly probes: ProbesService) {}

  /** The process answers (no database involved: a slow database must not get the replica killed). */
  @Get('live')
  getLiveness(): LiveDto {
    return { status: 'alive' };
  }

  /** Ready for traffic: 200, or 503 naming what is missing. */
  @Get('ready')
  @ApiOkResponse({ type: ReadyDto })
  @ApiServiceUnavailableResponse({ type: ReadyDto })
  async getReadiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyDto> {
    const { ready, database, pendingMigrations, registries, stopping } = await this.probes.readiness();
    if (!ready) void reply.status(503).header('Retry-After', '5');
    return { status: ready ? 'ready' : 'unready', checks: { database, pendingMigrations, registries, stopping } };
  }
}
