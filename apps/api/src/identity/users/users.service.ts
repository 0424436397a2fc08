import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import { AppError, ErrorCode } from '../../common/app-error';
import { AppConfig } from '../../config/app-config';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { PasswordHasher, isSupportedHash } from '../credentials/password-hasher';
import { GroupsService } from '../groups/groups.service';
import {
  CreateUserDto,
  RegisterDto,
  UpdateUserDto,
  UpdatedUserDto,
  UserDto,
  UserListQueryDto,
  UserPageDto,
} from './users.dto';
import { UserRow, UserWrite, UsersRepository } from './users.repository';

export const ADMIN_USER_NAME = 'admin';

export function groupsOf(row: UserRow): { id: number; name: string }[] {
  const groups = new Map(row.memberships.map((m) => [m.group.id, m.group.name]));
  if (row.primaryGroup) groups.set(row.primaryGroup.id, row.primaryGroup.name);
  return [...groups].map(([id, name]) => ({ id, name }));
}

function toDto(row: UserRow): UserDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email ?? null,
    isAdmin: row.isAdmin,
    disabled: row.disabled,
    source: row.source,
    sourceDisabled: row.sourceDisabled,
    privileges: [...row.privileges],
    groups: groupsOf(row)
      .map((g) => g.name)
      .sort(),
    syncedGroups: row.memberships
      .filter((m) => m.source !== 'local')
      .map((m) => m.group.name)
      .sort(),
    primaryGroup: row.primaryGroup?.name ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = (id: number) => new AppError(ErrorCode.USER_NOT_FOUND, `No user has id ${id}`);

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly groups: GroupsService,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** The first start creates `admin`, with ADMIN_PASSWORD or a random password logged once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.findByName(ADMIN_USER_NAME)) return;
    const password = this.config.adminPassword ?? randomBytes(18).toString('base64url');
    const created = await this.users.createIfAbsent({
      name: ADMIN_USER_NAME,
      passwordHash: await this.hasher.hash(password),
      isAdmin: true,
    });
    if (!created) return;
    if (this.config.adminPassword === undefined) {
      // The one place a secret is logged, on purpose: nobody could sign in otherwise.
      this.logger.warn(`Created user "${ADMIN_USER_NAME}" with the generated password: ${password}`);
      this.logger.warn('It is shown once; change it, or set ADMIN_PASSWORD before the first start.');
    } else {
      this.logger.log(`Created user "${ADMIN_USER_NAME}" with the password from ADMIN_PASSWORD`);
    }
  }

  async list(query: UserListQueryDto): Promise<UserPageDto> {
    const request = pageRequestOf(query, 'id');
    return pageOf(await this.users.page(query, request), request, toDto);
  }

  async get(id: number): Promise<UserDto> {
    const row = await this.users.findById(id);
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async create(input: CreateUserDto): Promise<UserDto> {
    const passwordHash = await this.passwordHashOf(input);
    const row = await this.users.create({ ...(await this.writeOf(input)), name: input.name, passwordHash });
    if (!row) throw new AppError(ErrorCode.USER_NAME_TAKEN, `A user named "${input.name}" exists`);
    return toDto(row);
  }

  /**
   * Public mode only: a new user with the three privileges and a primary group of its own name
   * (when no group has that name), so the registries it declares are its own; audited as its own
   * registration, from `address`.
   */
  async register(input: RegisterDto, address: string): Promise<UserDto> {
    if (!this.config.publicRegistration) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Registration is closed: ask an administrator for an account');
    }
    const group = await this.groups.createIfFree(input.name);
    const row = await this.users.create({
      name: input.name,
      passwordHash: await this.hasher.hash(input.password),
      ...(input.email === undefined ? {} : { email: input.email }),
      privileges: ['DockerRegistriesManager', 'DockerRegistriesPusher', 'DockerRegistriesPuller'],
      ...(group === undefined ? {} : { primaryGroupId: group }),
    });
    if (!row) {
      if (group !== undefined) await this.groups.deleteById(group);
      throw new AppError(ErrorCode.USER_NAME_TAKEN, `A user named "${input.name}" exists`);
    }
    const user = toDto(row);
    this.audit.record({
      category: 'change',
      action: 'user.register',
      actor: user.name,
      actorKind: 'user',
      outcome: 'ok',
      target: user.name,
      address,
    });
    return user;
  }

  /**
   * A new password (or a move to another source) ends the account's sessions and docker identity
   * tokens (the database's `password_changed` trigger, whoever writes it); the answer says so, and
   * how many personal access tokens are kept.
   */
  async update(id: number, input: UpdateUserDto): Promise<UpdatedUserDto> {
    const write = await this.writeOf(input);
    let before: string | null | undefined;
    if (input.source !== undefined || input.password !== undefined) {
      const current = await this.users.findById(id);
      if (!current) throw notFound(id);
      before = current.passwordHash;
      Object.assign(write, await this.sourceWriteOf(current, input));
    }
    const row = await this.users.update(id, write);
    if (!row) throw notFound(id);
    if (write.passwordHash === undefined || write.passwordHash === before) return toDto(row);
    return {
      ...toDto(row),
      passwordChange: { sessionsEnded: true, personalAccessTokensKept: await this.users.liveAccessTokenCount(id) },
    };
  }

  /**
   * The password and source an update writes: a password only for a local account (or one moving
   * to local), and a move clears what the old source knew (its key, its password) so nothing of it
   * signs in any more.
   */
  private async sourceWriteOf(current: UserRow, input: UpdateUserDto): Promise<UserWrite> {
    const source = input.source ?? current.source;
    if (source !== 'local' && input.password !== undefined) {
      throw new AppError(
        ErrorCode.VALIDATION_FAILED,
        `password: ${current.name} signs in with ${source}; move it to local ("source": "local") to give it a password`,
      );
    }
    if (source === 'ldap' && !this.config.ldap) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'source: no LDAP directory is configured (LDAP_URL)');
    }
    if (source === 'oidc' && !this.config.oidc) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'source: no OpenID Connect provider is configured (OIDC_ISSUER)');
    }
    const write: UserWrite = {};
    if (input.password !== undefined) write.passwordHash = await this.hasher.hash(input.password);
    if (source === current.source) return write;
    if (source === 'local' && input.password === undefined && current.passwordHash === null) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, `password: moving ${current.name} to local needs a password`);
    }
    return {
      ...write,
      source,
      externalId: null,
      sourceDisabled: false,
      ...(source === 'local' ? {} : { passwordHash: null }),
    };
  }

  async delete(id: number): Promise<void> {
    if (!(await this.users.delete(id))) throw notFound(id);
  }

  private async passwordHashOf(input: CreateUserDto): Promise<string> {
    if (input.passwordHash !== undefined) {
      if (!isSupportedHash(input.passwordHash)) {
        throw new AppError(
          ErrorCode.VALIDATION_FAILED,
          'passwordHash: must be an argon2id or bcrypt ($2y$, $2a$, $2b$) hash',
        );
      }
      return input.passwordHash;
    }
    return this.hasher.hash(input.password!);
  }

  private async writeOf(input: UpdateUserDto): Promise<UserWrite> {
    const write: UserWrite = {};
    if (input.email !== undefined) write.email = input.email;
    if (input.isAdmin !== undefined) write.isAdmin = input.isAdmin;
    if (input.disabled !== undefined) write.disabled = input.disabled;
    if (input.privileges !== undefined) write.privileges = [...new Set(input.privileges)];
    if (input.groups !== undefined) write.groupIds = await this.groups.resolve(input.groups, 'groups');
    if (input.primaryGroup !== undefined) {
      const [id] = await this.groups.resolve([input.primaryGroup], 'primaryGroup');
      write.primaryGroupId = id!;
    }
    return write;
  }
}
