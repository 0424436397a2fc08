import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/app-error';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { CreateGroupDto, GroupDto, GroupListQueryDto, GroupPageDto } from './groups.dto';
import { GroupRow, GroupsRepository } from './groups.repository';

function toDto(row: GroupRow): GroupDto {
  return { id: row.id, name: row.name, memberCount: row._count.members, createdAt: row.createdAt.toISOString() };
}

@Injectable()
export class GroupsService {
  constructor(private readonly groups: GroupsRepository) {}

  async list(query: GroupListQueryDto): Promise<GroupPageDto> {
    const request = pageRequestOf(query, 'name');
    return pageOf(await this.groups.page(query, request), request, toDto);
  }

  async get(id: number): Promise<GroupDto> {
    const row = await this.groups.findById(id);
    if (!row) throw new AppError(ErrorCode.GROUP_NOT_FOUND, `No group has id ${id}`);
    return toDto(row);
  }

  async create(input: CreateGroupDto): Promise<GroupDto> {
    const row = await this.groups.create(input.name);
    if (!row) throw new AppError(ErrorCode.GROUP_NAME_TAKEN, `A group named "${input.name}" exists`);
    return toDto(row);
  }

  async rename(id: number, input: CreateGroupDto): Promise<GroupDto> {
    const row = await this.groups.rename(id, input.name);
    if (row === 'taken') throw new AppError(ErrorCode.GROUP_NAME_TAKEN, `A group named "${input.name}" exists`);
    if (!row) throw new AppError(ErrorCode.GROUP_NOT_FOUND, `No group has id ${id}`);
    return toDto(row);
  }

  /** Creates a group for a new user; its id, or undefined when the name is taken. */
  async createIfFree(name: string): Promise<number | undefined> {
    return (await this.groups.create(name))?.id;
  }

  async deleteById(id: number): Promise<void> {
    await this.groups.delete(id);
  }

  async delete(id: number): Promise<void> {
    if (!(await this.groups.delete(id))) throw new AppError(ErrorCode.GROUP_NOT_FOUND, `No group has id ${id}`);
  }

  /**
   * Group ids for names given in a request field; an unknown name is a 400 naming the field's path
   * (`publications[1]`), so nothing is written.
   */
  async resolve(names: readonly string[] | undefined, field: string): Promise<number[]> {
    if (names === undefined) return [];
    const ids = await this.groups.idsByName(names);
    const unknown = names.findIndex((n) => !ids.has(n));
    if (unknown >= 0) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, `${field}[${unknown}]: there is no group "${names[unknown]}"`);
    }
    return [...new Set(names.map((n) => ids.get(n)!))];
  }
}
