import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsObjectName } from '../../common/names';
import { Optional } from '../../common/optional';
import { MachineListQueryDto } from '../machine-list.dto';

export class CreateServiceDto {
  /** Unique name; the docker login is `service/<name>`. */
  @IsString()
  @IsObjectName()
  name!: string;

  /** The app whose `apps/<app>/` repositories the service pulls. */
  @IsString()
  @IsObjectName()
  app!: string;

  /** A secret of your choosing (8 to 1024 characters); generated when absent. */
  @Optional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  secret?: string;
}

export class ServiceDto {
  id!: number;
  name!: string;
  /** The docker login name. */
  login!: string;
  app!: string;
  revoked!: boolean;
  lastUsedAt!: string | null;
  createdAt!: string;
}

export class ServiceWithSecretDto extends ServiceDto {
  /** Shown once: store it now. */
  secret!: string;
}

export class ServiceListQueryDto extends MachineListQueryDto {}

export class ServicePageDto {
  items!: ServiceDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
