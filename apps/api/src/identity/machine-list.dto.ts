import { IsBoolean, IsIn, IsString } from 'class-validator';
import { NamedListQueryDto } from '../common/list-query.dto';
import { IsObjectName } from '../common/names';
import { Optional } from '../common/optional';
import { QueryBoolean } from '../database/pagination';

export const MACHINE_SORTS = ['name', '-name', 'id', '-id', 'createdAt', '-createdAt'] as const;

/** The query of the services and robots lists: an app's machine identities. */
export class MachineListQueryDto extends NamedListQueryDto {
  /** The order: a field, `-` in front for descending (default `name`). */
  @Optional()
  @IsIn(MACHINE_SORTS)
  sort?: (typeof MACHINE_SORTS)[number];

  /** Only those of this app. */
  @Optional()
  @IsString()
  @IsObjectName()
  app?: string;

  /** Only revoked (`true`) or usable (`false`) ones. */
  @Optional()
  @QueryBoolean()
  @IsBoolean()
  revoked?: boolean;
}
