import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** A user, group or app whose name is all digits: `users/<name>/` may also be another's id. */
export interface AmbiguousName {
  readonly kind: 'user' | 'group' | 'app';
  readonly id: number;
  readonly name: string;
}

@Injectable()
export class AmbiguousNamesRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(): Promise<AmbiguousName[]> {
    return this.prisma.$queryRaw<AmbiguousName[]>`
      SELECT 'user' AS kind, id, name FROM "user" WHERE name ~ '^[0-9]+$'
      UNION ALL SELECT 'group', id, name FROM "group" WHERE name ~ '^[0-9]+$'
      UNION ALL SELECT 'app', id, name FROM "app" WHERE name ~ '^[0-9]+$'
      ORDER BY kind, id`;
  }
}

/**
 * New users, groups and apps cannot be named with digits only (the paths `users/<id or name>/…`
 * would be ambiguous); names given before that rule are reported at start-up, to be renamed.
 */
@Injectable()
export class AmbiguousNamesReport implements OnApplicationBootstrap {
  private readonly logger = new Logger('Names');

  constructor(private readonly names: AmbiguousNamesRepository) {}

  /** Reports after start-up, not before: it scans every user, group and app, and decides nothing. */
  onApplicationBootstrap(): void {
    void this.report();
  }

  async report(): Promise<void> {
    const found = await this.names.find().catch(() => []);
    if (found.length === 0) return;
    this.logger.warn(
      `Names made of digits only, which repository paths also read as ids (users/<id>/…): ${found
        .map((n) => `${n.kind} ${n.name} (id ${n.id})`)
        .join(', ')}. Rename them: another object may have that id.`,
    );
  }
}
