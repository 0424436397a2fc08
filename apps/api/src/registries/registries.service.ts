import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/app-error';
import { CreateRegistryDto, RegistryDto, UpdateRegistryDto } from './registries.dto';
import { RegistriesRepository, RegistryRow } from './registries.repository';

function toDto(row: RegistryRow): RegistryDto {
  return {
    id: row.id,
    service: row.service,
    url: row.url,
    insecure: row.insecure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function notFound(id: number): AppError {
  return new AppError(ErrorCode.REGISTRY_NOT_FOUND, `No registry has id ${id}`);
}

@Injectable()
export class RegistriesService {
  constructor(private readonly registries: RegistriesRepository) {}

  async list(): Promise<RegistryDto[]> {
    return (await this.registries.list()).map(toDto);
  }

  async get(id: number): Promise<RegistryDto> {
    const row = await this.registries.findById(id);
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async create(input: CreateRegistryDto): Promise<RegistryDto> {
    const row = await this.registries.create({
      service: input.service,
      url: input.url.replace(/\/+$/, ''),
      insecure: input.insecure ?? false,
    });
    if (!row) {
      throw new AppError(ErrorCode.REGISTRY_SERVICE_TAKEN, `A registry with service "${input.service}" exists`);
    }
    return toDto(row);
  }

  async update(id: number, input: UpdateRegistryDto): Promise<RegistryDto> {
    const row = await this.registries.update(id, {
      ...(input.url === undefined ? {} : { url: input.url.replace(/\/+$/, '') }),
      ...(input.insecure === undefined ? {} : { insecure: input.insecure }),
    });
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async delete(id: number): Promise<void> {
    if (!(await this.registries.delete(id))) throw notFound(id);
  }
}
