import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../common/optional';

export class AuditQueryDto {
  /** `token` decisions, `change`s to objects, or `login`s. */
  @Optional()
  @IsIn(['token', 'change', 'login'])
  category?: string;

  /** Login name of who acted (`alice`, `service/web1`, `robot/ci`). */
  @Optional()
  @IsString()
  @MaxLength(300)
  actor?: string;

  /** Registry service. */
  @Optional()
  @IsString()
  @MaxLength(255)
  registry?: string;

  /** `granted`, `partial`, `denied`, `refused` (bad credentials), `ok` or `failed`. */
  @Optional()
  @IsIn(['granted', 'partial', 'denied', 'refused', 'ok', 'failed'])
  outcome?: string;

  /** e.g. `token.issue`, `rule.update`. */
  @Optional()
  @IsString()
  @MaxLength(60)
  action?: string;

  /** RFC 3339: events at or after. */
  @Optional()
  @IsDateString({ strict: true })
  since?: string;

  /** RFC 3339: events before. */
  @Optional()
  @IsDateString({ strict: true })
  until?: string;

  /** The `nextCursor` of the previous page. */
  @Optional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be a cursor returned by a previous page' })
  cursor?: string;

  /** Page size, 1 to 500. */
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEventDto {
  id!: string;
  at!: string;
  category!: string;
  action!: string;
  actor!: string;
  actorKind!: string;
  address!: string | null;
  userAgent!: string | null;
  registry!: string | null;
  outcome!: string;
  /** Requested and granted access for tokens; what changed for changes. */
  detail!: Record<string, unknown>;
  /** Why: the deciding clauses. */
  clause!: string | null;
  target!: string | null;
  /**
   * How many identical decisions this event stands for: token requests with the same asker,
   * address, client, registry, scopes and outcome within 200 ms are one event (their token ids in
   * `detail.jtis`, the first 100; the last one's time in `detail.lastAt`).
   */
  count!: number;
}

export class AuditPageDto {
  items!: AuditEventDto[];
  /** Pass as `cursor` for older events; null on the last page. */
  nextCursor!: string | null;
}
