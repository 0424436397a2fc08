import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/app-error';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { GroupsService } from '../groups/groups.service';
import { AppDto, AppListQueryDto, AppPageDto, CreateAppDto, UpdateAppDto } from './apps.dto';
import { AppRow, AppsRepository } from './apps.repository';

function toDto(row: AppRow): AppDto {
  return {
    id: row.id,
    name: row.name,
    responsibles: row.responsibles.map((r) => r.group.name).sort(),
    publications: row.publications.map((p) => p.group.name).sort(),
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = (id: number) => new AppError(ErrorCode.APP_NOT_FOUND, `No app has id ${id}`);
const taken = (name: string) => new AppError(ErrorCode.APP_NAME_TAKEN, `An app named "${name}" exists`);

@Injectable()
export class AppsService {
  constructor(
    private readonly apps: AppsRepository,
    private readonly groups: GroupsService,
  ) {}

  async list(query: AppListQueryDto): Promise<AppPageDto> {
    const request = pageRequestOf(query, 'name');
    return pageOf(await this.apps.page(query, request), request, toDto);
  }

  async get(id: number): Promise<AppDto> {
    const row = await this.apps.findById(id);
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async create(input: CreateAppDto): Promise<AppDto> {
    const responsibleIds = await this.groups.resolve(input.responsibles, 'responsibles');
    const publicationIds = await this.groups.resolve(input.publications, 'publications');
    const row = await this.apps.create({ name: input.name, responsibleIds, publicationIds });
    if (!row) throw taken(input.name);
    return toDto(row);
  }

  async update(id: number, input: UpdateAppDto): Promise<AppDto> {
    const row = await this.apps.update(id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.responsibles === undefined
        ? {}
        : { responsibleIds: await this.groups.resolve(input.responsibles, 'responsibles') }),
      ...(input.publications === undefined
        ? {}
        : { publicationIds: await this.groups.resolve(input.publications, 'publications') }),
    });
    if (row === 'taken') throw taken(input.name ?? '');
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async delete(id: number): Promise<void> {
    if (!(await this.apps.delete(id))) throw notFound(id);
  }
}
