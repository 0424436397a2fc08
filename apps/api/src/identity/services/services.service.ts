import { Injectable } from '@nestjs/common';
import { SERVICE_LOGIN_PREFIX, type UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { assertManagesApp, generateSecret, managesApp } from '../apps/app-permissions';
import { AppsRepository, appPolicyOf } from '../apps/apps.repository';
import { PasswordHasher } from '../credentials/password-hasher';
import { visibleTo } from '../machine-list';
import {
  CreateServiceDto,
  ServiceDto,
  ServiceListQueryDto,
  ServicePageDto,
  ServiceWithSecretDto,
} from './services.dto';
import { ServiceRow, ServicesRepository } from './services.repository';

function toDto(row: ServiceRow): ServiceDto {
  return {
    id: row.id,
    name: row.name,
    login: `${SERVICE_LOGIN_PREFIX}${row.name}`,
    app: row.app.name,
    revoked: row.revokedAt !== null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = (id: number) => new AppError(ErrorCode.SERVICE_NOT_FOUND, `No service has id ${id}`);

/** Services: an app's machine identity, with a secret shown once and stored as argon2id. */
@Injectable()
export class ServicesService {
  constructor(
    private readonly services: ServicesRepository,
    private readonly apps: AppsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Admins see every one; others those of the apps they are responsible for. */
  async list(caller: UserIdentity, query: ServiceListQueryDto): Promise<ServicePageDto> {
    const request = pageRequestOf(query, 'name');
    return pageOf(await this.services.page({ ...query, ...visibleTo(caller) }, request), request, toDto);
  }

  /** Admins and responsibles of its app; to others it does not exist. */
  async get(caller: UserIdentity, id: number): Promise<ServiceDto> {
    const row = await this.found(id);
    if (!managesApp(caller, appPolicyOf(row.app))) throw notFound(id);
    return toDto(row);
  }

  async create(caller: UserIdentity, input: CreateServiceDto): Promise<ServiceWithSecretDto> {
    const app = await this.apps.findByName(input.app);
    if (!app) throw new AppError(ErrorCode.VALIDATION_FAILED, `app: there is no app "${input.app}"`);
    assertManagesApp(caller, appPolicyOf(app), 'services');
    const secret = input.secret ?? generateSecret();
    const row = await this.services.create({
      name: input.name,
      appId: app.id,
      secretHash: await this.hasher.hash(secret),
    });
    if (!row) throw new AppError(ErrorCode.SERVICE_NAME_TAKEN, `A service named "${input.name}" exists`);
    return { ...toDto(row), secret };
  }

  /** A new generated secret; the old one stops working at once. */
  async rotate(caller: UserIdentity, id: number): Promise<ServiceWithSecretDto> {
    assertManagesApp(caller, appPolicyOf((await this.found(id)).app), 'services');
    const secret = generateSecret();
    const row = await this.services.setSecret(id, await this.hasher.hash(secret));
    if (!row) throw notFound(id);
    return { ...toDto(row), secret };
  }

  async revoke(caller: UserIdentity, id: number): Promise<ServiceDto> {
    assertManagesApp(caller, appPolicyOf((await this.found(id)).app), 'services');
    const row = await this.services.revoke(id, new Date());
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async delete(caller: UserIdentity, id: number): Promise<void> {
    assertManagesApp(caller, appPolicyOf((await this.found(id)).app), 'services');
    if (!(await this.services.delete(id))) throw notFound(id);
  }

  private async found(id: number): Promise<ServiceRow> {
    const row = await this.services.findById(id);
    if (!row) throw notFound(id);
    return row;
  }
}
