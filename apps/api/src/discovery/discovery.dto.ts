import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '../common/optional';

export const CRAWL_MODES = ['full', 'due'] as const;

export class DiscoverQueryDto {
  /**
   * full (default): every repository's tags are read. due: what the schedule reads; for a
   * registry whose notifications arrive, only new repositories and those due for re-reading.
   */
  @ApiPropertyOptional({ enum: CRAWL_MODES })
  @Optional()
  @IsIn(CRAWL_MODES)
  mode?: (typeof CRAWL_MODES)[number];
}

export class CrawlResultDto {
  registry!: string;
  ok!: boolean;
  @ApiProperty({ enum: CRAWL_MODES })
  mode!: (typeof CRAWL_MODES)[number];
  /** Whether the registry's notifications were trusted, so that only some repositories were read. */
  light!: boolean;
  repositories!: number;
  tags!: number;
  /** Repositories whose tags were read. */
  verified!: number;
  /** Manifests read because their digest was new or changed. */
  fetched!: number;
  durationMs!: number;
  error?: string;
}
