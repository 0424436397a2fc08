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
import ipaddr from 'ipaddr.js';
import { resolve } from 'node:path';
import type { Privilege } from '@portcullis/domain';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const PRIVILEGE = '(DockerRegistriesManager|DockerRegistriesPusher|DockerRegistriesPuller)';
const PRIVILEGE_LIST = new RegExp(`^\\s*${PRIVILEGE}(\\s*,\\s*${PRIVILEGE})*\\s*$`);
const PRIVILEGE_LIST_MESSAGE =
  'must be a comma list of DockerRegistriesManager, DockerRegistriesPusher, DockerRegistriesPuller';

function privilegesOf(list: string | undefined): Privilege[] {
  return [...new Set((list ?? '').split(',').map((p) => p.trim()))].filter((p): p is Privilege => p !== '');
}

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

  /**
   * Networks Portcullis never connects to when it calls a registry (discovery, tag deletion): a
   * comma list of CIDR ranges, or `none`. By default the link-local ranges, where clouds answer
   * their instance metadata (169.254.169.254, fd00:ec2::254), so a registry address cannot be
   * pointed at them.
   */
  @Matches(/^(none|[0-9a-fA-F:.]+\/\d{1,3}(\s*,\s*[0-9a-fA-F:.]+\/\d{1,3})*)$/, {
    message: 'must be none or a comma list of CIDR ranges',
  })
  OUTBOUND_DENY = '169.254.0.0/16,fe80::/10,fd00:ec2::254/128';

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
   * Serve HTTPS with this certificate chain (PEM), for installs without a TLS-terminating proxy;
   * with TLS_KEY_FILE. Both files are read again when they change (a renewed certificate needs no
   * restart).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TLS_CERT_FILE?: string;

  /** The private key (PEM) of TLS_CERT_FILE. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TLS_KEY_FILE?: string;

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
   * A change retires at once the logins it touches (a user's, a group's members', a robot's...).
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

  /**
   * Seconds a replica told to stop (SIGTERM) keeps answering while /health/ready says 503, so load
   * balancers and Kubernetes take it out of rotation before it stops accepting connections.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  SHUTDOWN_DELAY = 5;

  /** Seconds, after the delay, for requests in flight and the audit log's buffer; then it exits anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_TIMEOUT = 20;

  /**
   * Failed password logins to one account from one address (within LOCKOUT_WINDOW) before that
   * address is locked out of that account (others are not).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOCKOUT_ACCOUNT_FAILURES = 5;

  /** Failed logins from one address, any account or credential (within LOCKOUT_WINDOW), before it backs off. */
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

  /**
   * Failed password logins to one account from all addresses (within LOCKOUT_WINDOW) before its
   * checks are slowed: addresses it has not signed in from for 30 days share one check per
   * LOCKOUT_SLOWDOWN seconds; addresses it signed in from are never slowed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOCKOUT_ACCOUNT_WIDE_FAILURES = 30;

  /** Seconds between password checks of a slowed account from unfamiliar addresses. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOCKOUT_SLOWDOWN = 5;

  /**
   * LDAP or Active Directory server (`ldap://host:389` or `ldaps://host:636`). Set: users the
   * directory knows sign in with their directory password (console and `docker login`), and
   * their directory groups become Portcullis groups. Unset: no directory.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^ldaps?:\/\/[^\s/]+\/?$/, { message: 'must be an ldap:// or ldaps:// URL (scheme, host, port)' })
  LDAP_URL?: string;

  /** Upgrade an `ldap://` connection with StartTLS before binding. */
  @Transform(toBool)
  @IsBoolean()
  LDAP_STARTTLS = false;

  /** PEM file of the certificate authorities that sign the directory's certificate (LDAPS, StartTLS). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LDAP_CA_FILE?: string;

  /** DN Portcullis binds as to find users and groups; unset: anonymous search. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  LDAP_BIND_DN?: string;

  /** Password of LDAP_BIND_DN. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  LDAP_BIND_PASSWORD?: string;

  /** A file holding the password of LDAP_BIND_DN (instead of LDAP_BIND_PASSWORD; for secrets mounts). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LDAP_BIND_PASSWORD_FILE?: string;

  /** Where users are searched (subtree), e.g. `ou=people,dc=example,dc=org`. Required with LDAP_URL. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  LDAP_BASE_DN?: string;

  /**
   * Filter finding the one entry of a login name, `{login}` standing for the escaped name. It should
   * leave out disabled accounts, e.g. for Active Directory
   * `(&(sAMAccountName={login})(!(userAccountControl:1.2.840.113556.1.4.803:=2)))`.
   */
  @IsString()
  @Matches(/^\(.*\{login\}.*\)$/, { message: 'must be a parenthesised LDAP filter containing {login}' })
  @MaxLength(1024)
  LDAP_USER_FILTER = '(uid={login})';

  /** Attribute holding the login name (`uid`; `sAMAccountName` for Active Directory). */
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9-]*$/, { message: 'must be an attribute name' })
  LDAP_NAME_ATTRIBUTE = 'uid';

  /** Attribute holding the e-mail address. */
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9-]*$/, { message: 'must be an attribute name' })
  LDAP_EMAIL_ATTRIBUTE = 'mail';

  /**
   * Where group memberships come from: `memberOf` (the user entry's memberOf attribute: Active
   * Directory, OpenLDAP's memberof overlay), `search` (LDAP_GROUP_FILTER under
   * LDAP_GROUP_BASE_DN), or `none`.
   */
  @IsIn(['memberOf', 'search', 'none'])
  LDAP_GROUPS: 'memberOf' | 'search' | 'none' = 'memberOf';

  /** Where groups are searched when LDAP_GROUPS=search; LDAP_BASE_DN when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  LDAP_GROUP_BASE_DN?: string;

  /** Filter finding a user's groups when LDAP_GROUPS=search: `{dn}` is the user's DN, `{login}` its name. */
  @IsString()
  @Matches(/^\(.*\)$/, { message: 'must be a parenthesised LDAP filter' })
  @MaxLength(1024)
  LDAP_GROUP_FILTER = '(|(member={dn})(uniqueMember={dn})(memberUid={login}))';

  /** Attribute naming a group (`cn`): the name of the Portcullis group it becomes. */
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9-]*$/, { message: 'must be an attribute name' })
  LDAP_GROUP_NAME_ATTRIBUTE = 'cn';

  /**
   * Regular expression a directory group's name must match in full to become a Portcullis group
   * (a directory may hold thousands of groups); unset: every group.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  LDAP_GROUP_PATTERN?: string;

  /**
   * Registry privileges a directory user gets when its first sign-in creates it (a comma list, e.g.
   * `DockerRegistriesPuller,DockerRegistriesPusher`); none by default: an administrator grants them.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(PRIVILEGE_LIST, { message: PRIVILEGE_LIST_MESSAGE })
  LDAP_PRIVILEGES?: string;

  /** Seconds Portcullis waits for the directory (connection, then each operation). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  LDAP_TIMEOUT = 3;

  /** Connections kept open to the directory at most. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  LDAP_POOL_SIZE = 4;

  /**
   * Seconds between syncs of every directory user (groups, e-mail, accounts gone from the
   * directory); 0: only at each sign-in.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 86400)
  LDAP_SYNC_INTERVAL = 3600;

  /**
   * Seconds after which a directory user's personal access token, at its next use, makes
   * Portcullis ask the directory whether it still has the user (an account it no longer has is
   * disabled at once, its tokens with it); 0: at every use the credential cache does not answer.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  LDAP_RECHECK_INTERVAL = 300;

  /**
   * OpenID Connect provider (its issuer URL, as in its discovery document) for console sign-in
   * through the browser; `http://` only on loopback. Unset: no OpenID Connect sign-in.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OIDC_ISSUER?: string;

  /** The client id Portcullis is registered with at the provider. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  OIDC_CLIENT_ID?: string;

  /** The client's secret. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  OIDC_CLIENT_SECRET?: string;

  /** A file holding the client's secret (instead of OIDC_CLIENT_SECRET). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET_FILE?: string;

  /** Scopes asked for, space-separated (`openid` is always asked). */
  @IsString()
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, { message: 'must be space-separated scopes' })
  @MaxLength(500)
  OIDC_SCOPES = 'openid profile email';

  /** Claim holding the user name (lower-cased; other characters become `-`). */
  @IsString()
  @Matches(/^[A-Za-z0-9_:./-]+$/, { message: 'must be a claim name' })
  OIDC_NAME_CLAIM = 'preferred_username';

  /** Claim holding the e-mail address. */
  @IsString()
  @Matches(/^[A-Za-z0-9_:./-]+$/, { message: 'must be a claim name' })
  OIDC_EMAIL_CLAIM = 'email';

  /** Claim holding the user's groups (an array of names, or one name). */
  @IsString()
  @Matches(/^[A-Za-z0-9_:./-]+$/, { message: 'must be a claim name' })
  OIDC_GROUPS_CLAIM = 'groups';

  /** Regular expression a provider group's whole name must match to become a Portcullis group; unset: all. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  OIDC_GROUP_PATTERN?: string;

  /** Registry privileges of a user created by its first OpenID Connect sign-in (comma list; none by default). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(PRIVILEGE_LIST, { message: PRIVILEGE_LIST_MESSAGE })
  OIDC_PRIVILEGES?: string;

  /** The provider's name on the console's sign-in button ("Sign in with …"). */
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  OIDC_LABEL = 'OpenID Connect';

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
    /** CIDR ranges never connected to (OUTBOUND_DENY). */
    readonly deny: readonly string[];
  };
  readonly metricsToken: string | undefined;
  readonly logFormat: 'text' | 'json';
  readonly accessLogFile: string | undefined;
  /** HTTPS: the certificate chain and key files (TLS_CERT_FILE, TLS_KEY_FILE). */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly logLevel: EnvironmentVariables['LOG_LEVEL'];
  /** SIGTERM: how long to answer unready, then how long to finish (SHUTDOWN_DELAY, SHUTDOWN_TIMEOUT). */
  readonly shutdown: { readonly delayMs: number; readonly timeoutMs: number };
  readonly redisUrl: string | undefined;
  readonly credentialCache: { readonly ttlMs: number; readonly size: number; readonly outageGraceMs: number };
  readonly lockout: {
    readonly accountFailures: number;
    readonly addressFailures: number;
    readonly windowMs: number;
    readonly accountWideFailures: number;
    readonly slowdownMs: number;
  };
  /** The LDAP directory, when LDAP_URL is set. */
  readonly ldap: LdapConfig | undefined;
  /** The OpenID Connect provider, when OIDC_ISSUER is set. */
  readonly oidc: OidcConfig | undefined;

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
      deny: env.OUTBOUND_DENY === 'none' ? [] : env.OUTBOUND_DENY.split(',').map((range) => range.trim()),
    };
    this.metricsToken = env.METRICS_TOKEN;
    this.logFormat = env.LOG_FORMAT;
    this.accessLogFile = env.ACCESS_LOG_FILE === undefined ? undefined : resolve(env.ACCESS_LOG_FILE);
    this.tls =
      env.TLS_CERT_FILE === undefined || env.TLS_KEY_FILE === undefined
        ? undefined
        : { certFile: resolve(env.TLS_CERT_FILE), keyFile: resolve(env.TLS_KEY_FILE) };
    this.logLevel = env.LOG_LEVEL;
    this.shutdown = { delayMs: env.SHUTDOWN_DELAY * 1000, timeoutMs: env.SHUTDOWN_TIMEOUT * 1000 };
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
      accountWideFailures: env.LOCKOUT_ACCOUNT_WIDE_FAILURES,
      slowdownMs: env.LOCKOUT_SLOWDOWN * 1000,
    };
    this.ldap = ldapConfigOf(env);
    this.oidc = oidcConfigOf(env, this.publicUrl);
  }
}

export interface OidcConfig {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly clientSecretFile: string | undefined;
  readonly scopes: string;
  readonly nameClaim: string;
  readonly emailClaim: string;
  readonly groupsClaim: string;
  readonly groupPattern: RegExp | undefined;
  readonly privileges: readonly Privilege[];
  readonly label: string;
  /** Where the provider sends the browser back: PUBLIC_URL + /api/v1/auth/oidc/callback. */
  readonly redirectUri: string;
}

function oidcConfigOf(env: EnvironmentVariables, publicUrl: string): OidcConfig | undefined {
  if (env.OIDC_ISSUER === undefined || env.OIDC_CLIENT_ID === undefined) return undefined;
  const scopes = new Set(env.OIDC_SCOPES.split(' '));
  scopes.add('openid');
  return {
    issuer: new URL(env.OIDC_ISSUER),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    clientSecretFile: env.OIDC_CLIENT_SECRET_FILE === undefined ? undefined : resolve(env.OIDC_CLIENT_SECRET_FILE),
    scopes: [...scopes].join(' '),
    nameClaim: env.OIDC_NAME_CLAIM,
    emailClaim: env.OIDC_EMAIL_CLAIM,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    groupPattern: env.OIDC_GROUP_PATTERN === undefined ? undefined : new RegExp(`^(?:${env.OIDC_GROUP_PATTERN})$`),
    privileges: privilegesOf(env.OIDC_PRIVILEGES),
    label: env.OIDC_LABEL,
    redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
  };
}

/** Host names (as URL.hostname gives them) of this machine's loopback. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Rules between OpenID Connect variables. */
function oidcProblems(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (env.OIDC_ISSUER === undefined) return problems;
  if (env.OIDC_CLIENT_ID === undefined) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  if (env.OIDC_CLIENT_SECRET !== undefined && env.OIDC_CLIENT_SECRET_FILE !== undefined) {
    problems.push('OIDC_CLIENT_SECRET, OIDC_CLIENT_SECRET_FILE: set one or neither');
  }
  const issuer = new URL(env.OIDC_ISSUER);
  if (issuer.protocol === 'http:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
    problems.push('OIDC_ISSUER: must be https:// (http:// only on loopback)');
  }
  if (env.OIDC_GROUP_PATTERN !== undefined && !isRegExp(env.OIDC_GROUP_PATTERN)) {
    problems.push('OIDC_GROUP_PATTERN: not a valid regular expression');
  }
  return problems;
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export interface LdapConfig {
  readonly url: string;
  readonly startTls: boolean;
  readonly caFile: string | undefined;
  readonly bindDn: string | undefined;
  readonly bindPassword: string | undefined;
  readonly bindPasswordFile: string | undefined;
  readonly baseDn: string;
  readonly userFilter: string;
  readonly nameAttribute: string;
  readonly emailAttribute: string;
  readonly groups: 'memberOf' | 'search' | 'none';
  readonly groupBaseDn: string;
  readonly groupFilter: string;
  readonly groupNameAttribute: string;
  readonly groupPattern: RegExp | undefined;
  readonly privileges: readonly Privilege[];
  readonly timeoutMs: number;
  readonly poolSize: number;
  readonly syncIntervalMs: number;
  /** LDAP_RECHECK_INTERVAL. */
  readonly recheckMs: number;
}

function ldapConfigOf(env: EnvironmentVariables): LdapConfig | undefined {
  if (env.LDAP_URL === undefined || env.LDAP_BASE_DN === undefined) return undefined;
  return {
    url: env.LDAP_URL.replace(/\/$/, ''),
    startTls: env.LDAP_STARTTLS,
    caFile: env.LDAP_CA_FILE === undefined ? undefined : resolve(env.LDAP_CA_FILE),
    bindDn: env.LDAP_BIND_DN,
    bindPassword: env.LDAP_BIND_PASSWORD,
    bindPasswordFile: env.LDAP_BIND_PASSWORD_FILE === undefined ? undefined : resolve(env.LDAP_BIND_PASSWORD_FILE),
    baseDn: env.LDAP_BASE_DN,
    userFilter: env.LDAP_USER_FILTER,
    nameAttribute: env.LDAP_NAME_ATTRIBUTE,
    emailAttribute: env.LDAP_EMAIL_ATTRIBUTE,
    groups: env.LDAP_GROUPS,
    groupBaseDn: env.LDAP_GROUP_BASE_DN ?? env.LDAP_BASE_DN,
    groupFilter: env.LDAP_GROUP_FILTER,
    groupNameAttribute: env.LDAP_GROUP_NAME_ATTRIBUTE,
    groupPattern: env.LDAP_GROUP_PATTERN === undefined ? undefined : new RegExp(`^(?:${env.LDAP_GROUP_PATTERN})$`),
    privileges: privilegesOf(env.LDAP_PRIVILEGES),
    timeoutMs: env.LDAP_TIMEOUT * 1000,
    poolSize: env.LDAP_POOL_SIZE,
    syncIntervalMs: env.LDAP_SYNC_INTERVAL * 1000,
    recheckMs: env.LDAP_RECHECK_INTERVAL * 1000,
  };
}

/** Rules between LDAP variables that no single variable's validation sees. */
function ldapProblems(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (env.LDAP_URL === undefined) return problems;
  if (env.LDAP_BASE_DN === undefined) problems.push('LDAP_BASE_DN: required with LDAP_URL');
  if (env.LDAP_STARTTLS && env.LDAP_URL.startsWith('ldaps:')) {
    problems.push('LDAP_STARTTLS: not with an ldaps:// URL (already TLS)');
  }
  if (env.LDAP_BIND_PASSWORD !== undefined && env.LDAP_BIND_PASSWORD_FILE !== undefined) {
    problems.push('LDAP_BIND_PASSWORD, LDAP_BIND_PASSWORD_FILE: set one or neither');
  }
  if ((env.LDAP_BIND_PASSWORD ?? env.LDAP_BIND_PASSWORD_FILE) !== undefined && env.LDAP_BIND_DN === undefined) {
    problems.push('LDAP_BIND_DN: required with a bind password');
  }
  if (env.LDAP_GROUP_PATTERN !== undefined && !isRegExp(env.LDAP_GROUP_PATTERN)) {
    problems.push('LDAP_GROUP_PATTERN: not a valid regular expression');
  }
  return problems;
}

function outboundProblems(env: EnvironmentVariables): string[] {
  if (env.OUTBOUND_DENY === 'none') return [];
  const wrong = env.OUTBOUND_DENY.split(',')
    .map((range) => range.trim())
    .filter((range) => !ipaddr.isValidCIDR(range));
  return wrong.length === 0 ? [] : [`OUTBOUND_DENY: not CIDR ranges: ${wrong.join(', ')}`];
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
  if ((env.TLS_CERT_FILE === undefined) !== (env.TLS_KEY_FILE === undefined)) {
    throw new ConfigError(['TLS_CERT_FILE, TLS_KEY_FILE: set both or neither']);
  }
  const problems = [...ldapProblems(env), ...oidcProblems(env), ...outboundProblems(env)];
  if (problems.length > 0) throw new ConfigError(problems);
  return new AppConfig(env);
}
