import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { resolve } from 'node:path';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable Portcullis reads, declared once with its type, default and condition.
 * `.env.example` lists the same set; a test keeps both in step. Nothing else reads `process.env`.
 */
export class EnvironmentVariables {
  /** TCP port of the HTTP server. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8080;

  /** Address to listen on. */
  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /**
   * Proxies whose X-Forwarded-For to believe for the client address (audit, `ip` rules): a comma
   * list of addresses or CIDR ranges, or `true` for any. None by default.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(true|false|[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*)$/, {
    message: 'must be true, false, or a comma list of addresses and CIDR ranges',
  })
  TRUST_PROXY?: string;

  /** Where the embedded PostgreSQL cluster and the generated signing keys live. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** PostgreSQL connection URL. When unset, Portcullis runs an embedded PostgreSQL in DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** The URL registries and clients reach Portcullis at; used in generated realms. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL?: string;

  /** `iss` of every registry token; the registry's `auth.token.issuer` must equal it. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  TOKEN_ISSUER = 'portcullis';

  /** Lifetime of registry tokens in seconds (the token spec's floor is 60). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  TOKEN_TTL = 300;

  /** Signing algorithm of generated keys: ES256 (P-256) or RS256 (RSA 2048). */
  @IsIn(['ES256', 'RS256'])
  TOKEN_ALGORITHM: 'ES256' | 'RS256' = 'ES256';

  /** PEM private key used to sign tokens instead of the generated one (needs TOKEN_CERT_FILE). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TOKEN_KEY_FILE?: string;

  /** PEM certificate of TOKEN_KEY_FILE's public key. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TOKEN_CERT_FILE?: string;

  /** Comma-separated PEM certificates to publish besides the signing one (key rotation). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TOKEN_EXTRA_CERT_FILES?: string;

  /** Put the signing certificate in each token's `x5c` header (the `kid` is always there). */
  @Transform(toBool)
  @IsBoolean()
  TOKEN_X5C = true;

  /** Password of the `admin` user created on the first start; random (and logged once) if unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  ADMIN_PASSWORD?: string;

  /** Public mode: anyone may register (POST /api/v1/auth/register) and gets the three privileges. */
  @Transform(toBool)
  @IsBoolean()
  PUBLIC_REGISTRATION = false;

  /** A portcullis.yaml applied at every start (declarative configuration). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CONFIG_FILE?: string;

  /** Lifetime in seconds of API session tokens returned by /api/v1/auth/login. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  SESSION_TTL = 900;

  /** Seconds between discovery crawls of each registry (0 turns the schedule off). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  DISCOVERY_INTERVAL = 120;

  /**
   * Seconds within which a scheduled crawl re-reads every repository of a registry whose
   * notifications arrive (the others are read in full at every crawl).
   */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 86400)
  DISCOVERY_VERIFY_INTERVAL = 3600;

  /** Repositories crawled in parallel. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  DISCOVERY_CONCURRENCY = 8;

  /** Seconds Portcullis waits for a registry's answer. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  REGISTRY_TIMEOUT = 10;

  /** Seconds a console/API session lasts at most (its refresh token rotates meanwhile). */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(31_536_000)
  SESSION_REFRESH_TTL = 604_800;

  /** Days token decisions and changes stay in the audit log. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  AUDIT_RETENTION_DAYS = 90;

  /**
   * Bearer token Prometheus must send to read /metrics (`Authorization: Bearer …`). Unset: /metrics
   * is open, as Prometheus endpoints usually are; set it when the port is reachable from outside.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** `text` for people, `json` for log collectors: one JSON object per line, requests with their id. */
  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  /** A file to append every request to in Apache's combined format (fail2ban reads it). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ACCESS_LOG_FILE?: string;

  /**
   * Redis shared by the replicas (`redis://` or `rediss://`): failed-login counters and cache
   * invalidation by pub/sub. Unset: counters stay in each replica and invalidation uses PostgreSQL
   * LISTEN/NOTIFY.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * Seconds a verified login is reused without hashing its secret again (0 turns the cache off).
   * Any change to users, groups, tokens, apps, registries or rules empties it at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  CREDENTIAL_CACHE_TTL = 60;

  /** Verified logins kept at most (least recently used go first). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CREDENTIAL_CACHE_SIZE = 10_000;

  /**
   * While the database is unreachable, logins verified within this many seconds keep getting
   * tokens from the caches (0: none do).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  OUTAGE_GRACE = 300;

  /** Failed logins to one account (within LOCKOUT_WINDOW) before it backs off. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOCKOUT_ACCOUNT_FAILURES = 5;

  /** Failed logins from one address (within LOCKOUT_WINDOW) before it backs off. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOCKOUT_ADDRESS_FAILURES = 20;

  /** Seconds over which failures are counted; also the longest lockout. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  LOCKOUT_WINDOW = 900;

  /** Log level: error, warn, log, debug or verbose. */
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** The validated, typed configuration the rest of the code receives. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  /** Fastify's `trustProxy`. */
  readonly trustProxy: boolean | string[];
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  readonly token: {
    readonly issuer: string;
    readonly ttlSeconds: number;
    readonly algorithm: 'ES256' | 'RS256';
    readonly keyFile: string | undefined;
    readonly certFile: string | undefined;
    readonly extraCertFiles: readonly string[];
    readonly includeX5c: boolean;
  };
  readonly adminPassword: string | undefined;
  readonly configFile: string | undefined;
  readonly publicRegistration: boolean;
  readonly sessionTtlSeconds: number;
  readonly sessionRefreshTtlSeconds: number;
  readonly auditRetentionDays: number;
  readonly discovery: {
    readonly intervalMs: number;
    readonly verifyMs: number;
    readonly concurrency: number;
    readonly timeoutMs: number;
  };
  readonly metricsToken: string | undefined;
  readonly logFormat: 'text' | 'json';
  readonly accessLogFile: string | undefined;
  readonly logLevel: EnvironmentVariables['LOG_LEVEL'];
  readonly redisUrl: string | undefined;
  readonly credentialCache: { readonly ttlMs: number; readonly size: number; readonly outageGraceMs: number };
  readonly lockout: { readonly accountFailures: number; readonly addressFailures: number; readonly windowMs: number };

  constructor(env: EnvironmentVariables) {
    this.port = env.PORT;
    this.host = env.HOST;
    const proxy = env.TRUST_PROXY ?? 'false';
    this.trustProxy = proxy === 'true' ? true : proxy === 'false' ? false : proxy.split(',').map((p) => p.trim());
    this.dataDir = resolve(env.DATA_DIR);
    this.databaseUrl = env.DATABASE_URL;
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.token = {
      issuer: env.TOKEN_ISSUER,
      ttlSeconds: env.TOKEN_TTL,
      algorithm: env.TOKEN_ALGORITHM,
      keyFile: env.TOKEN_KEY_FILE,
      certFile: env.TOKEN_CERT_FILE,
      extraCertFiles: (env.TOKEN_EXTRA_CERT_FILES ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
      includeX5c: env.TOKEN_X5C,
    };
    this.adminPassword = env.ADMIN_PASSWORD;
    this.publicRegistration = env.PUBLIC_REGISTRATION;
    this.configFile = env.CONFIG_FILE === undefined ? undefined : resolve(env.CONFIG_FILE);
    this.sessionTtlSeconds = env.SESSION_TTL;
    this.sessionRefreshTtlSeconds = env.SESSION_REFRESH_TTL;
    this.auditRetentionDays = env.AUDIT_RETENTION_DAYS;
    this.discovery = {
      intervalMs: env.DISCOVERY_INTERVAL * 1000,
      verifyMs: env.DISCOVERY_VERIFY_INTERVAL * 1000,
      concurrency: env.DISCOVERY_CONCURRENCY,
      timeoutMs: env.REGISTRY_TIMEOUT * 1000,
    };
    this.metricsToken = env.METRICS_TOKEN;
    this.logFormat = env.LOG_FORMAT;
    this.accessLogFile = env.ACCESS_LOG_FILE === undefined ? undefined : resolve(env.ACCESS_LOG_FILE);
    this.logLevel = env.LOG_LEVEL;
    this.redisUrl = env.REDIS_URL;
    this.credentialCache = {
      ttlMs: env.CREDENTIAL_CACHE_TTL * 1000,
      size: env.CREDENTIAL_CACHE_SIZE,
      outageGraceMs: env.OUTAGE_GRACE * 1000,
    };
    this.lockout = {
      accountFailures: env.LOCKOUT_ACCOUNT_FAILURES,
      addressFailures: env.LOCKOUT_ADDRESS_FAILURES,
      windowMs: env.LOCKOUT_WINDOW * 1000,
    };
  }
}

/** Names of every variable `loadConfig` reads (class fields, optional ones included, are own keys). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(new EnvironmentVariables());

/**
 * Validates the environment. Fails with a message naming each bad variable, never its value (a
 * value may be a secret).
 */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const raw: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = source[name];
    if (value !== undefined) raw[name] = value;
  }
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const reasons = Object.values(e.constraints ?? {}).map((m) => m.replace(`${e.property} `, ''));
        return `${e.property}: ${reasons.join('; ')}`;
      }),
    );
  }
  if ((env.TOKEN_KEY_FILE === undefined) !== (env.TOKEN_CERT_FILE === undefined)) {
    throw new ConfigError(['TOKEN_KEY_FILE, TOKEN_CERT_FILE: set both or neither']);
  }
  return new AppConfig(env);
}
