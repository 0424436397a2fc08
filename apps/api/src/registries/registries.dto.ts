import { Transform, type TransformFnParams } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SERVICE_PATTERN } from '@portcullis/domain';
import { NamedListQueryDto } from '../common/list-query.dto';
import { IsGroupNames } from '../common/names';
import { Optional } from '../common/optional';

/** Registry URLs are kept without trailing slashes, so API paths can be appended to them. */
const withoutTrailingSlashes = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

class RegistryPolicyFieldsDto {
  /** Skip TLS certificate verification when Portcullis calls the registry. */
  @Optional()
  @IsBoolean()
  insecure?: boolean;

  /** Pushing to users/, groups/ and apps/ needs a responsible group, not only a publication group. */
  @Optional()
  @IsBoolean()
  restricted?: boolean;

  /**
   * The registry runs behind the front Portcullis provisions, its own API reachable on loopback
   * only: Portcullis answers its catalog with what each asker may pull, so every identity may ask
   * for `registry:catalog:*`. Declare it only when nothing but the front reaches the registry.
   */
  @Optional()
  @IsBoolean()
  fronted?: boolean;

  /** Names of the groups the registry is published to (pull). */
  @IsGroupNames()
  publications?: string[];

  /** Names of the groups responsible for the registry (push elsewhere, catalog, settings). */
  @IsGroupNames()
  responsibles?: string[];

  /** Repository patterns everyone may pull, signed in or not (e.g. `public/**`). */
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(512, { each: true })
  anonymousPull?: string[];
}

export class CreateRegistryDto extends RegistryPolicyFieldsDto {
  /** The registry's `auth.token.service` value, e.g. `registry.example.com`. Unique. */
  @IsString()
  @Matches(SERVICE_PATTERN, { message: 'service must be 1-255 of letters, digits, ".", "_", ":", "-"' })
  service!: string;

  /** Where Portcullis reaches the registry's API, e.g. `https://registry.example.com`. */
  @Transform(withoutTrailingSlashes)
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;
}

export class UpdateRegistryDto extends RegistryPolicyFieldsDto {
  /** Where Portcullis reaches the registry's API. */
  @Transform(withoutTrailingSlashes)
  @Optional()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url?: string;
}

export class RegistryDto {
  id!: number;
  service!: string;
  url!: string;
  insecure!: boolean;
  restricted!: boolean;
  fronted!: boolean;
  publications!: string[];
  responsibles!: string[];
  anonymousPull!: string[];
  /** Discovery: `unknown` (never crawled), `ok` or `down`. */
  discoveryState!: string;
  lastDiscoveryAt!: string | null;
  lastDiscoveryMs!: number | null;
  /** Why the last crawl failed: a status and a short reason, shown to admins and responsibles only. */
  lastDiscoveryError!: string | null;
  /**
   * Whether an admin set or approved `url` and `insecure`. Portcullis calls the registry with its
   * own tokens (discovery, tag deletion) only then.
   */
  endpointApproved!: boolean;
  endpointApprovedAt!: string | null;
  /** The admin who approved it (admins and responsibles only). */
  endpointApprovedBy!: string | null;
  nextDiscoveryAt!: string | null;
  repositoryCount!: number;
  createdAt!: string;
  updatedAt!: string;
}

export const REGISTRY_SORTS = ['service', '-service', 'id', '-id', 'createdAt', '-createdAt'] as const;

/** `q` filters by service. */
export class RegistryListQueryDto extends NamedListQueryDto {
  /** The order: a field, `-` in front for descending (default `service`). */
  @Optional()
  @IsIn(REGISTRY_SORTS)
  sort?: (typeof REGISTRY_SORTS)[number];
}

export class RegistryPageDto {
  items!: RegistryDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}

export class RegistryConfigDto {
  /** The registry's config.yml (contains its notification secret: keep it private). */
  configYml!: string;
  /** An nginx server block sending docker search to Portcullis and the rest to the registry. */
  nginxConf!: string;
}

/** Where a provisioned registry's files will live and how it runs (all optional). */
export class ProvisionQueryDto {
  /** The absolute directory the files will be in (config.yml names its bundle there); default /etc/docker/registry. */
  @Optional()
  @Matches(/^\/\P{Cc}*$/u, { message: 'dir must be an absolute path' })
  @MaxLength(1000)
  dir?: string;

  /** The loopback address the registry itself listens on, behind nginx; default 127.0.0.1:5000. */
  @Optional()
  @Matches(/^(?:127(?:\.\d{1,3}){3}|\[::1\]|localhost):\d{1,5}$/, {
    message: 'registryListen must be a loopback address and port (127.0.0.1:5000, [::1]:5000, localhost:5000)',
  })
  registryListen?: string;

  /** Where the registry stores images; default /var/lib/registry (Debian's package: /var/lib/docker-registry). */
  @Optional()
  @Matches(/^\/\P{Cc}*$/u, { message: 'storage must be an absolute path' })
  @MaxLength(1000)
  storage?: string;

  /** Provisions a pull-through cache of this upstream registry (its URL) instead. */
  @Optional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(1000)
  proxyRemote?: string;

  /** The upstream registry's user (its password: the X-Portcullis-Proxy-Password header). */
  @Optional()
  @IsString()
  @Matches(/^\P{Cc}+$/u, { message: 'proxyUsername must be printable' })
  @MaxLength(255)
  proxyUsername?: string;
}
