import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../common/optional';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export class UsedImageDto {
  /** The image as the reporter runs it, e.g. `registry.example.com/apps/shop/web:1.2`. */
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  reference!: string;

  /** Manifest digest. */
  @Optional()
  @Matches(DIGEST, { message: 'digest must be sha256:<64 hex digits>' })
  digest?: string;

  /** Image id (the config digest), as `docker ps`/`podman ps` show it. */
  @Optional()
  @Matches(DIGEST, { message: 'imageId must be sha256:<64 hex digits>' })
  imageId?: string;
}

export class UsageReportDto {
  /** A node or a service. */
  @IsIn(['node', 'service'])
  kind!: 'node' | 'service';

  /** Its name (node host name, or service name). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, { message: 'reporter must be a host or service name' })
  reporter!: string;

  /** Everything it runs now: the list replaces the previous report. */
  @IsArray()
  @ArrayMaxSize(5000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UsedImageDto)
  images!: UsedImageDto[];
}

export class UsageQueryDto {
  /** Manifest digest to look for. */
  @ValidateIf((q: UsageQueryDto) => q.imageId === undefined)
  @Matches(DIGEST, { message: 'give digest or imageId as sha256:<64 hex digits>' })
  digest?: string;

  /** Image id to look for. */
  @Optional()
  @Matches(DIGEST, { message: 'imageId must be sha256:<64 hex digits>' })
  imageId?: string;
}

export class UsageDto {
  kind!: string;
  reporter!: string;
  reference!: string;
  digest!: string | null;
  imageId!: string | null;
  reportedAt!: string;
}

export class UsageReportResultDto {
  kind!: string;
  reporter!: string;
  images!: number;
}
