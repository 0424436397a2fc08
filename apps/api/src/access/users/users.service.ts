import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppError, ErrorCode } from '../../common/app-error';
import { AppConfig } from '../../config/app-config';
import { PasswordHasher } from '../password-hasher';
import { CreateUserDto, UserDto } from './users.dto';
import { UserRow, UsersRepository } from './users.repository';

export const ADMIN_USER_NAME = 'admin';

function toDto(row: UserRow): UserDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email ?? null,
    isAdmin: row.isAdmin,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
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

  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toDto);
  }

  async get(id: number): Promise<UserDto> {
    const row = await this.users.findById(id);
    if (!row) throw new AppError(ErrorCode.USER_NOT_FOUND, `No user has id ${id}`);
    return toDto(row);
  }

  async create(input: CreateUserDto): Promise<UserDto> {
    const row = await this.users.create({
      name: input.name,
      ...(input.email === undefined ? {} : { email: input.email }),
      passwordHash: await this.hasher.hash(input.password),
      isAdmin: input.isAdmin ?? false,
    });
    if (!row) throw new AppError(ErrorCode.USER_NAME_TAKEN, `A user named "${input.name}" exists`);
    return toDto(row);
  }
}
