import { Injectable } from '@nestjs/common';
import {
  type Identity,
  ROBOT_LOGIN_PREFIX,
  type RobotIdentity,
  SERVICE_LOGIN_PREFIX,
  type ServiceIdentity,
  type TokenNarrowing,
  type UserIdentity,
} from '@portcullis/domain';
import { AccessGeneration } from '../../cluster/access-generation';
import { type CredentialKind, LoginThrottle } from '../../cluster/login-throttle';
import { OpaqueToken } from '../../common/opaque-token';
import { promptly } from '../../database/database-unavailable';
import { isSignInUnavailable } from '../../directory/directory-unavailable';
import { AccessTokenRow, AccessTokensRepository } from '../access-tokens/access-tokens.repository';
import { ACCESS_TOKEN } from '../access-tokens/access-tokens.service';
import { appPolicyOf } from '../apps/apps.repository';
import { DirectoryAccounts } from '../external-accounts/directory-accounts.service';
import { RobotRow, RobotsRepository, permissionsOf } from '../robots/robots.repository';
import { ServiceRow, ServicesRepository } from '../services/services.repository';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { UserRow, UsersRepository } from '../users/users.repository';
import { groupsOf } from '../users/users.service';
import { CredentialCache, type VerifiedLogin } from './credential-cache';
import { PasswordHasher } from './password-hasher';

export function identityOf(row: UserRow, token?: TokenNarrowing): UserIdentity {
  return {
    kind: 'user',
    id: row.id,
    name: row.name,
    isAdmin: row.isAdmin,
    privileges: row.privileges,
    groups: groupsOf(row),
    ...(row.primaryGroup ? { primaryGroup: { id: row.primaryGroup.id, name: row.primaryGroup.name } } : {}),
    ...(token === undefined ? {} : { token }),
  };
}

/** Whether a user may sign in at all: neither an administrator nor its source disabled it. */
export function isActive(row: UserRow): boolean {
  return !row.disabled && !row.sourceDisabled;
}

function narrowingOf(row: AccessTokenRow): TokenNarrowing {
  return {
    id: row.id,
    name: row.name,
    readOnly: row.readOnly,
    registries: row.registries.length === 0 ? null : row.registries,
    expiresAt: row.expiresAt,
  };
}

function serviceIdentity(row: ServiceRow): ServiceIdentity {
  return { kind: 'service', id: row.id, name: row.name, app: appPolicyOf(row.app) };
}

function robotIdentity(row: RobotRow): RobotIdentity {
  return { kind: 'robot', id: row.id, name: row.name, app: appPolicyOf(row.app), permissions: permissionsOf(row) };
}

/** What a service or robot row holds that signing in checks. */
interface MachineRow {
  id: number;
  secretHash: string;
  revokedAt: Date | null;
  expiresAt?: Date | null;
}

/**
 * The outcome of a sign-in: who, or why not (for the audit log, never for the client), with how
 * long to wait when the account or address is locked out.
 */
export type Authentication =
  | { readonly identity: Identity }
  | {
      readonly failure: string;
      readonly retryAfterMs?: number;
      /** A console sign-in whose second factor is missing or wrong (the password was right). */
      readonly secondFactor?: 'required' | 'invalid';
    };

/** A console sign-in: the second factor's code, when the form sent one. */
export interface ConsoleSignIn {
  readonly code: string | undefined;
}

type Failure = {
  readonly failure: string;
  readonly secondFactor?: 'required' | 'invalid';
  readonly retryAfterMs?: number;
  /** A machine credential's failure (counted against the address only); a person's otherwise. */
  readonly credential?: CredentialKind;
  /** A `pcp_` secret that is no personal access token (it may be a password). */
  readonly unknownToken?: true;
};
type Checked = VerifiedLogin | Failure;

const fail = (failure: string): Failure => ({ failure });
const machineFailure = (failure: string): Failure => ({ failure, credential: 'machine' });

/** Machine credentials: services, robots and personal access tokens; a person's password otherwise. */
function credentialKindOf(login: string, secret: string): CredentialKind {
  return login.startsWith(SERVICE_LOGIN_PREFIX) || login.startsWith(ROBOT_LOGIN_PREFIX) || ACCESS_TOKEN.accepts(secret)
    ? 'machine'
    : 'person';
}

/** Who signed in: a person with a password, or a machine credential (a token is one). */
function kindOfIdentity(identity: Identity): CredentialKind {
  return identity.kind === 'user' && identity.token === undefined ? 'person' : 'machine';
}

function lockedOut(login: string, address: string | undefined, retryAfterMs: number): Failure {
  return { failure: `too many failed logins for ${login} or from ${address ?? 'its address'}`, retryAfterMs };
}

/**
 * Checks login credentials for every kind of identity: users (argon2id, or imported bcrypt
 * upgraded on success), `service/<name>`, `robot/<name>`, and personal access tokens given as a
 * user's password. Unknown names, disabled accounts and wrong secrets cost the same time and
 * look the same to the client. Verified logins are cached (CredentialCache), failures throttled
 * (LoginThrottle), and the database is given a second at most.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly services: ServicesRepository,
    private readonly robots: RobotsRepository,
    private readonly accessTokens: AccessTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly cache: CredentialCache,
    private readonly throttle: LoginThrottle,
    private readonly generation: AccessGeneration,
    private readonly directory: DirectoryAccounts,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /**
   * `address` is the client's, for throttling. A login verified recently answers from the cache,
   * even while its account is locked out (its secret is known good) or the database is down (within
   * OUTAGE_GRACE); throws DatabaseUnavailable when the database is needed and does not answer.
   */
  async authenticate(
    login: string,
    secret: string,
    address?: string,
    console?: ConsoleSignIn,
  ): Promise<Authentication> {
    // A console sign-in checks a second factor each time: it never answers from the cache.
    if (console !== undefined) return this.verify(login, secret, address, console);
    const cached = this.cache.fresh(login, secret);
    if (cached !== undefined) {
      if (cached.refreshDue) this.refresh(login, secret, address);
      return { identity: cached.identity };
    }
    return this.cache.shared(login, secret, () => this.verify(login, secret, address, undefined));
  }

  /**
   * Verifies a login in use again before its cache entry expires, off the request path: the entry
   * is renewed, or dropped when the login is no longer good (a directory password changed); kept as
   * it is when the database or directory does not answer. Counts nothing against the login (its
   * holder made no new attempt); requests that miss meanwhile share this verification.
   */
  private refresh(login: string, secret: string, address: string | undefined): void {
    void this.cache
      .shared(login, secret, async (): Promise<Authentication> => {
        const generation = this.generation.current();
        const checked = await this.check(login, secret, address, undefined);
        if ('failure' in checked) {
          // A lockout says nothing of the secret; anything else says it is no longer good.
          if (checked.retryAfterMs === undefined) this.cache.forget(login, secret);
          return checked;
        }
        this.cache.remember(login, secret, checked, generation);
        return { identity: checked.identity };
      })
      .catch(() => undefined);
  }

  private async verify(
    login: string,
    secret: string,
    address: string | undefined,
    console: ConsoleSignIn | undefined,
  ): Promise<Authentication> {
    const wait = await this.throttle.lockedFor(credentialKindOf(login, secret), login, address);
    if (wait > 0) return lockedOut(login, address, wait);
    const generation = this.generation.current();
    let checked: Checked;
    try {
      checked = await this.check(login, secret, address, console);
    } catch (error) {
      const stale = isSignInUnavailable(error) && console === undefined ? this.cache.stale(login, secret) : undefined;
      if (stale !== undefined) return { identity: stale };
      throw error;
    }
    if ('failure' in checked) {
      // Asking for the code is no failed attempt; a wrong code is. A locked-out attempt checked nothing.
      if (checked.secondFactor !== 'required' && checked.retryAfterMs === undefined)
        await this.throttle.failed(checked.credential ?? 'person', login, address, secret);
      return checked;
    }
    if (console === undefined) this.cache.remember(login, secret, checked, generation);
    await this.throttle.succeeded(kindOfIdentity(checked.identity), login, address);
    return { identity: checked.identity };
  }

  private async check(
    login: string,
    secret: string,
    address: string | undefined,
    console: ConsoleSignIn | undefined,
  ): Promise<Checked> {
    if (login.startsWith(SERVICE_LOGIN_PREFIX)) {
      const name = login.slice(SERVICE_LOGIN_PREFIX.length);
      return this.machine(
        'service',
        name,
        () => this.services.findByName(name),
        secret,
        serviceIdentity,
        (id) => this.services.touch(id, new Date()),
      );
    }
    if (login.startsWith(ROBOT_LOGIN_PREFIX)) {
      const name = login.slice(ROBOT_LOGIN_PREFIX.length);
      return this.machine(
        'robot',
        name,
        () => this.robots.findByName(name),
        secret,
        robotIdentity,
        (id) => this.robots.touch(id, new Date()),
      );
    }
    if (ACCESS_TOKEN.accepts(secret)) {
      const token = await this.accessToken(secret, login);
      if (!('failure' in token) || !token.unknownToken) return token;
      // No such token: a password that looks like one (a directory's, an imported one) is a
      // password, and is throttled as one.
      const wait = await this.throttle.lockedFor('person', login, address);
      if (wait > 0) return lockedOut(login, address, wait);
    }
    return this.user(login, secret, console);
  }

  /** A database read for a login: a second at most, none while the database is known down. */
  private read<T>(query: () => Promise<T>): Promise<T> {
    return promptly(this.generation.databaseReachable, query);
  }

  /**
   * A personal access token used alone (API bearer), whoever it belongs to. Guessing is throttled
   * per address, like every machine credential's.
   */
  async authenticateAccessToken(token: string, address: string | undefined): Promise<Authentication> {
    const wait = await this.throttle.lockedFor('machine', '', address);
    if (wait > 0) return lockedOut('a personal access token', address, wait);
    const checked = await this.accessToken(token, undefined);
    if ('failure' in checked) {
      await this.throttle.failed('machine', '', address, token);
      return checked;
    }
    return { identity: checked.identity };
  }

  /** Revokes the personal access token presented (its holder signs out with it); unknown ones are ignored. */
  async revokeAccessToken(token: string): Promise<void> {
    const row = await this.accessTokens.findByHash(OpaqueToken.hash(token));
    if (row && !row.revokedAt) await this.accessTokens.revoke(row.id, new Date());
  }

  /** The identity of an active user, for credentials checked elsewhere (refresh and API tokens). */
  async activeUser(id: number): Promise<UserIdentity | null> {
    const row = await this.users.findById(id);
    return row && isActive(row) ? identityOf(row) : null;
  }

  /**
   * The identity a login name stands for, without its secret: for "explain" and the simulator,
   * and for the account a token this Portcullis signed names (search, catalog pages; a user's is
   * kept as the credential cache keeps logins, so such requests read no row each). Null when no
   * such active identity exists.
   */
  async identityByLogin(login: string, accessTokenId?: string): Promise<Identity | null> {
    if (accessTokenId !== undefined) {
      const token = await this.accessTokens.findById(accessTokenId);
      const user = token ? await this.users.findById(token.userId) : null;
      if (!token || !user || user.name !== login) return null;
      return identityOf(user, narrowingOf(token));
    }
    if (login === '') return { kind: 'anonymous' };
    if (login.startsWith(SERVICE_LOGIN_PREFIX)) {
      const row = await this.services.findByName(login.slice(SERVICE_LOGIN_PREFIX.length));
      return row ? serviceIdentity(row) : null;
    }
    if (login.startsWith(ROBOT_LOGIN_PREFIX)) {
      const row = await this.robots.findByName(login.slice(ROBOT_LOGIN_PREFIX.length));
      return row ? robotIdentity(row) : null;
    }
    const known = this.cache.knownAccount(login);
    if (known !== undefined) return known;
    const generation = this.generation.current();
    const row = await this.users.findByName(login);
    if (row === null) return null;
    const identity = identityOf(row);
    this.cache.rememberAccount(login, identity, generation);
    return identity;
  }

  /**
   * A user's password: checked against its hash, or by the directory for directory users (and for
   * names Portcullis does not know yet, when a directory is configured: their first sign-in).
   */
  private async user(name: string, password: string, console: ConsoleSignIn | undefined): Promise<Checked> {
    const row = await this.read(() => this.users.findByName(name));
    if (row && !isActive(row)) {
      await this.hasher.verifyNothing(password);
      return fail(`user ${name} is disabled${row.disabled ? '' : ` (its ${row.source} account is gone)`}`);
    }
    if ((!row && this.directory.enabled) || row?.source === 'ldap') return this.directoryUser(name, password);
    if (!row) {
      await this.hasher.verifyNothing(password);
      return fail(`no user named ${name}`);
    }
    if (row.passwordHash === null) {
      await this.hasher.verifyNothing(password);
      return fail(`user ${name} signs in with ${row.source}: docker needs one of its personal access tokens`);
    }
    if (!(await this.hasher.verify(row.passwordHash, password))) return fail(`wrong password for ${name}`);
    if (this.hasher.needsUpgrade(row.passwordHash)) {
      await this.users.upgradePasswordHash(row.id, row.passwordHash, await this.hasher.hash(password));
    }
    if (console === undefined && (await this.twoFactor.mustEnrolAccount(row))) {
      // The requirement holds from the moment it is set: a password alone no longer gets tokens.
      return fail(`user ${name} must set up two-factor sign-in in the console before docker accepts it`);
    }
    if (row.totpEnabledAt !== null) {
      if (console === undefined) {
        return fail(`user ${name} signs in with a second factor: docker needs one of its personal access tokens`);
      }
      if (console.code === undefined || console.code === '') {
        return { failure: `user ${name} gave no second-factor code`, secondFactor: 'required' };
      }
      const second = await this.twoFactor.check(row, console.code);
      if (second !== 'ok') {
        return {
          failure: `second-factor code of ${name} ${second === 'reused' ? 'already used' : 'wrong'}`,
          secondFactor: 'invalid',
        };
      }
    }
    return { identity: identityOf(row) };
  }

  private async directoryUser(name: string, password: string): Promise<Checked> {
    if (!this.directory.enabled) {
      await this.hasher.verifyNothing(password);
      return fail(`user ${name} signs in with the directory, and none is configured (LDAP_URL)`);
    }
    const signedIn = await this.directory.signIn(name, password);
    if ('failure' in signedIn) return signedIn;
    if (!isActive(signedIn.row)) return fail(`user ${signedIn.row.name} is disabled`);
    return { identity: identityOf(signedIn.row) };
  }

  /** A service's or robot's secret: the same checks, costs and messages for both. */
  private async machine<Row extends MachineRow>(
    kind: 'service' | 'robot',
    name: string,
    find: () => Promise<Row | null>,
    secret: string,
    identityOf: (row: Row) => Identity,
    touch: (id: number) => Promise<void>,
  ): Promise<Checked> {
    const row = await this.read(find);
    if (!row) {
      await this.hasher.verifyNothing(secret);
      return machineFailure(`no ${kind} named ${name}`);
    }
    if (!(await this.hasher.verify(row.secretHash, secret))) return machineFailure(`wrong secret for ${kind}/${name}`);
    if (row.revokedAt) return machineFailure(`${kind}/${name} is revoked`);
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
      return machineFailure(`${kind}/${name} expired at ${row.expiresAt.toISOString()}`);
    }
    void touch(row.id).catch(() => undefined);
    return { identity: identityOf(row), expiresAt: row.expiresAt, touch: () => touch(row.id) };
  }

  /** `login` is the user name docker sent with the token; undefined for an API bearer token. */
  private async accessToken(token: string, login: string | undefined): Promise<Checked> {
    const row = ACCESS_TOKEN.accepts(token)
      ? await this.read(() => this.accessTokens.findByHash(OpaqueToken.hash(token)))
      : null;
    if (!row) return { ...machineFailure('unknown personal access token'), unknownToken: true };
    if (row.revokedAt) return machineFailure(`personal access token ${row.name} is revoked`);
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
      return machineFailure(`personal access token ${row.name} expired at ${row.expiresAt.toISOString()}`);
    }
    const user = await this.read(() => this.users.findById(row.userId));
    if (!user || !isActive(user)) return machineFailure(`the owner of personal access token ${row.name} is disabled`);
    if (login !== undefined && login !== user.name)
      return machineFailure(`personal access token ${row.name} belongs to another user than ${login}`);
    if (!(await this.directory.stillHas(user))) {
      return machineFailure(`the owner of personal access token ${row.name} is gone from the directory`);
    }
    if (await this.twoFactor.mustEnrolAccount(user)) {
      return machineFailure(
        `the owner of personal access token ${row.name} must set up two-factor sign-in before its tokens work`,
      );
    }
    const touch = () => this.accessTokens.touch(row.id, new Date());
    void touch().catch(() => undefined);
    return { identity: identityOf(user, narrowingOf(row)), expiresAt: row.expiresAt, touch };
  }
}
