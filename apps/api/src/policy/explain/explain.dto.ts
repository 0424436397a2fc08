import { ArrayMaxSize, ArrayMinSize, IsArray, IsIP, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SERVICE_PATTERN } from '@portcullis/domain';
import { Optional } from '../../common/optional';

export class ExplainAccessDto {
  /** Login name to explain: `alice`, `service/web1`, `robot/ci-shop`, or `""` for anonymous. */
  @IsString()
  @MaxLength(300)
  account!: string;

  /** The registry's service. */
  @IsString()
  @Matches(SERVICE_PATTERN, { message: 'service must be a registry service name' })
  service!: string;

  /** Scopes as a client would send them: `repository:apps/shop/web:pull,push`. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  scope!: string[];

  /** Explain as this personal access token of the account (its narrowing applies). */
  @Optional()
  @IsUUID()
  accessTokenId?: string;

  /** The client address, for rules with an `ip` match. */
  @Optional()
  @IsIP()
  ip?: string;
}

export class ActionDecisionDto {
  action!: string;
  granted!: boolean;
  /** The clause of the rule book or the custom rule that decided. */
  clause!: string;
}

export class ExplainedAccessDto {
  type!: string;
  /** `plugin` for `repository(plugin)`. */
  class?: string;
  name!: string;
  requested!: string[];
  /** Exactly the actions a token would carry for this resource. */
  granted!: string[];
  decisions!: ActionDecisionDto[];
}

export class ExplanationDto {
  account!: string;
  /** user, service, robot or anonymous. */
  kind!: string;
  service!: string;
  /** The token's `access` claim for this request. */
  access!: { type: string; class?: string; name: string; actions: string[] }[];
  resources!: ExplainedAccessDto[];
}
