import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IDENTITY_KINDS } from '@portcullis/domain';
import { ListQueryDto } from '../../common/list-query.dto';
import { Optional } from '../../common/optional';

/** Every field optional; all given ones must fit. Patterns: globs (`*`, `**`) or anchored `/regex/`. */
export class RuleMatchDto {
  /** Login name pattern (`alice`, `service/*`, `robot/ci-*`, `/^$/` for anonymous). */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  account?: string;

  /** Kind of identity. */
  @Optional()
  @IsIn(IDENTITY_KINDS)
  kind?: (typeof IDENTITY_KINDS)[number];

  /** Resource type pattern: `repository` or `registry`. */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  type?: string;

  /** Resource name pattern (`releases/**`, `catalog`). */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  name?: string;

  /** Registry service pattern. */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  service?: string;

  /** Client address or CIDR range. */
  @Optional()
  @IsString()
  @MaxLength(64)
  ip?: string;

  /** Pattern over each of the user's group names. */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  group?: string;
}

export class CreateRuleDto {
  @IsObject()
  @ValidateNested()
  @Type(() => RuleMatchDto)
  match!: RuleMatchDto;

  /** Granted actions: `["*"]` everything requested, `[]` an explicit deny. */
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^(?:[a-z]+|\*)$/, { each: true, message: 'each action must be lower-case letters or "*"' })
  actions!: string[];

  /** Why the rule exists. */
  @Optional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  /** 0-based place in the list; the end when absent. */
  @Optional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateRuleDto {
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RuleMatchDto)
  match?: RuleMatchDto;

  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^(?:[a-z]+|\*)$/, { each: true, message: 'each action must be lower-case letters or "*"' })
  actions?: string[];

  @Optional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class ReorderRulesDto {
  /** Every rule id, in the new order. */
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsInt({ each: true })
  ids!: number[];
}

export class RuleDto {
  id!: number;
  position!: number;
  match!: RuleMatchDto;
  actions!: string[];
  comment!: string | null;
  updatedAt!: string;
}

export const RULE_SORTS = ['position', 'id', '-id'] as const;

export class RuleListQueryDto extends ListQueryDto {
  /** The order: a field, `-` in front for descending (default `position`). */
  @Optional()
  @IsIn(RULE_SORTS)
  sort?: (typeof RULE_SORTS)[number];
}

export class RulePageDto {
  items!: RuleDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
