import { IsBoolean, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

/** A registry's `auth.token.service`: what clients send as the token request's `service`. */
export const SERVICE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$/;

export class CreateRegistryDto {
  /** The registry's `auth.token.service` value, e.g. `registry.example.com`. Unique. */
  @IsString()
  @Matches(SERVICE_PATTERN, { message: 'service must be 1-255 of letters, digits, ".", "_", ":", "-"' })
  service!: string;

  /** Where Portcullis reaches the registry's API, e.g. `https://registry.example.com`. */
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  /** Skip TLS certificate verification when Portcullis calls the registry. */
  @IsOptional()
  @IsBoolean()
  insecure?: boolean;
}

export class UpdateRegistryDto {
  /** Where Portcullis reaches the registry's API. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  /** Skip TLS certificate verification when Portcullis calls the registry. */
  @IsOptional()
  @IsBoolean()
  insecure?: boolean;
}

export class RegistryDto {
  id!: number;
  service!: string;
  url!: string;
  insecure!: boolean;
  createdAt!: string;
  updatedAt!: string;
}
