import { Injectable } from '@nestjs/common';
import {
  ROBOT_LOGIN_PREFIX,
  type RobotPermission,
  type UserIdentity,
  repositoryPatternProblem,
} from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { assertManagesApp, generateSecret, managesApp } from '../apps/app-permissions';
import { AppRow, AppsRepository, appPolicyOf } from '../apps/apps.repository';
import { PasswordHasher } from '../credentials/password-hasher';
import { visibleTo } from '../machine-list';
import {
  CreateRobotDto,
  RobotDto,
  RobotListQueryDto,
  RobotPageDto,
  RobotPermissionDto,
  RobotWithSecretDto,
  UpdateRobotDto,
} from './robots.dto';
import { RobotRow, RobotsRepository, permissionsOf } from './robots.repository';

function toDto(row: RobotRow): RobotDto {
  return {
    id: row.id,
    name: row.name,
    login: `${ROBOT_LOGIN_PREFIX}${row.name}`,
    app: row.app.name,
    permissions: permissionsOf(row).map((p) => ({ repositories: p.repositories, actions: [...p.actions] })),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revoked: row.revokedAt !== null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = (id: number) => new AppError(ErrorCode.ROBOT_NOT_FOUND, `No robot has id ${id}`);

/**
 * Checks a permission list: well-formed patterns that can match something and, unless an admin
 * asks, literal globs inside `apps/<app>/`.
 */
export function validatePermissions(
  permissions: readonly RobotPermissionDto[],
  app: { id: number; name: string },
  admin: boolean,
): RobotPermission[] {
  return permissions.map((p, i) => {
    const field = `permissions[${i}].repositories`;
    const problem = repositoryPatternProblem(p.repositories);
    if (problem) throw new AppError(ErrorCode.VALIDATION_FAILED, `${field}: ${problem}`);
    if (!admin && !p.repositories.startsWith(`apps/${app.name}/`) && !p.repositories.startsWith(`apps/${app.id}/`)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `${field}: only an admin may give a robot repositories outside apps/${app.name}/`,
      );
    }
    return { repositories: p.repositories, actions: [...new Set(p.actions)] };
  });
}

function assertMayCreateRobots(caller: UserIdentity, app: AppRow): void {
  assertManagesApp(caller, appPolicyOf(app), 'robots');
  if (!caller.isAdmin && !caller.privileges.includes('DockerRegistriesPusher')) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Creating robots needs DockerRegistriesPusher');
  }
}

@Injectable()
export class RobotsService {
  constructor(
    private readonly robots: RobotsRepository,
    private readonly apps: AppsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Admins see every one; others those of the apps they are responsible for. */
  async list(caller: UserIdentity, query: RobotListQueryDto): Promise<RobotPageDto> {
    const request = pageRequestOf(query, 'name');
    return pageOf(await this.robots.page({ ...query, ...visibleTo(caller) }, request), request, toDto);
  }

  /** Admins and responsibles of its app; to others it does not exist. */
  async get(caller: UserIdentity, id: number): Promise<RobotDto> {
    const row = await this.found(id);
    if (!managesApp(caller, appPolicyOf(row.app))) throw notFound(id);
    return toDto(row);
  }

  async create(caller: UserIdentity, input: CreateRobotDto): Promise<RobotWithSecretDto> {
    const app = await this.apps.findByName(input.app);
    if (!app) throw new AppError(ErrorCode.VALIDATION_FAILED, `app: there is no app "${input.app}"`);
    assertMayCreateRobots(caller, app);
    const permissions = validatePermissions(input.permissions, app, caller.isAdmin);
    const secret = input.secret ?? generateSecret();
    const row = await this.robots.create({
      name: input.name,
      appId: app.id,
      secretHash: await this.hasher.hash(secret),
      permissions,
      expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt),
    });
    if (!row) throw new AppError(ErrorCode.ROBOT_NAME_TAKEN, `A robot named "${input.name}" exists`);
    return { ...toDto(row), secret };
  }

  async update(caller: UserIdentity, id: number, input: UpdateRobotDto): Promise<RobotDto> {
    const existing = await this.found(id);
    assertMayCreateRobots(caller, existing.app);
    const row = await this.robots.update(id, {
      ...(input.permissions === undefined
        ? {}
        : { permissions: validatePermissions(input.permissions, existing.app, caller.isAdmin) }),
      ...(input.expiresAt === undefined
        ? {}
        : { expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt) }),
    });
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async rotate(caller: UserIdentity, id: number): Promise<RobotWithSecretDto> {
    assertMayCreateRobots(caller, (await this.found(id)).app);
    const secret = generateSecret();
    const row = await this.robots.update(id, { secretHash: await this.hasher.hash(secret), revokedAt: null });
    if (!row) throw notFound(id);
    return { ...toDto(row), secret };
  }

  async revoke(caller: UserIdentity, id: number): Promise<RobotDto> {
    assertManagesApp(caller, appPolicyOf((await this.found(id)).app), 'robots');
    const row = await this.robots.update(id, { revokedAt: new Date() });
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async delete(caller: UserIdentity, id: number): Promise<void> {
    assertManagesApp(caller, appPolicyOf((await this.found(id)).app), 'robots');
    if (!(await this.robots.delete(id))) throw notFound(id);
  }

  private async found(id: number): Promise<RobotRow> {
    const row = await this.robots.findById(id);
    if (!row) throw notFound(id);
    return row;
  }
}
