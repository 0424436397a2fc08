import { IsIn, IsString } from 'class-validator';
import { NamedListQueryDto } from '../../common/list-query.dto';
import { IsAddressableName, IsGroupNames } from '../../common/names';
import { Optional } from '../../common/optional';

export class CreateAppDto {
  /** The application code, not all digits: `apps/<name>/` repositories belong to the app. */
  @IsString()
  @IsAddressableName()
  name!: string;

  /** Groups that run the app: their members may push `apps/<name>/`. */
  @IsGroupNames()
  responsibles?: string[];

  /** Groups the app is published to: their members may pull `apps/<name>/`. */
  @IsGroupNames()
  publications?: string[];
}

export class UpdateAppDto {
  /** New application code (not all digits). */
  @Optional()
  @IsString()
  @IsAddressableName()
  name?: string;

  /** Replaces the responsible groups. */
  @IsGroupNames()
  responsibles?: string[];

  /** Replaces the publication groups. */
  @IsGroupNames()
  publications?: string[];
}

export class AppDto {
  id!: number;
  name!: string;
  responsibles!: string[];
  publications!: string[];
  createdAt!: string;
}

export const APP_SORTS = ['name', '-name', 'id', '-id', 'createdAt', '-createdAt'] as const;

export class AppListQueryDto extends NamedListQueryDto {
  /** The order: a field, `-` in front for descending (default `name`). */
  @Optional()
  @IsIn(APP_SORTS)
  sort?: (typeof APP_SORTS)[number];
}

export class AppPageDto {
  items!: AppDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
