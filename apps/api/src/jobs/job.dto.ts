import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/error-response.dto';

export const JOB_KINDS = ['config.apply', 'config.import', 'registry.discover'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A long operation started with `Prefer: respond-async`: poll it until `state` is no longer `running`. */
export class JobDto {
  /** @example "6f1c2a9e-3d4b-4c8e-9a51-0b7e2d9f4a13" */
  id!: string;
  @ApiProperty({ enum: JOB_KINDS, enumName: 'JobKind' })
  kind!: JobKind;
  @ApiProperty({ enum: JOB_STATES, enumName: 'JobState' })
  state!: JobState;
  /**
   * What it is doing now (e.g. "hashing secrets", "crawling repositories"); once it ended, what it did last.
   * @example "crawling repositories"
   */
  phase!: string;
  /** Units of the current phase done so far. */
  done!: number;
  /** Units of the current phase, when known. */
  total!: number | null;
  /** Who started it. */
  actor!: string;
  createdAt!: Date;
  /** When it last reported progress (the running replica beats it every few seconds). */
  updatedAt!: Date;
  finishedAt!: Date | null;
  /** What the synchronous call would have answered: an ApplySummary for config.*, a CrawlResult for registry.discover. */
  @ApiProperty({
    nullable: true,
    oneOf: [{ $ref: getSchemaPath('ApplySummaryDto') }, { $ref: getSchemaPath('CrawlResultDto') }],
  })
  result!: object | null;
  /** When it failed: the error the synchronous call would have answered. */
  error!: ErrorResponseDto | null;
}
