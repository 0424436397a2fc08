import { Injectable } from '@nestjs/common';
import { type UserIdentity, inAnyGroup, repositoryPatternProblem } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { pageOf } from '../database/keyset';
import { pageRequestOf } from '../database/pagination';
import { GroupsService } from '../identity/groups/groups.service';
import {
  CreateRegistryDto,
  RegistryDto,
  RegistryListQueryDto,
  RegistryPageDto,
  UpdateRegistryDto,
} from './registries.dto';
import { RegistriesRepository, RegistryRow, RegistryWrite } from './registries.repository';

/** Admins and members of a registry's responsible groups manage it (docs/access-policy.md). */
export function manages(caller: UserIdentity, row: { responsibles: { groupId: number }[] }): boolean {
  return (
    caller.isAdmin ||
    inAnyGroup(
      caller,
      row.responsibles.map((r) => r.groupId),
    )
  );
}

/**
 * A registry as `caller` may see it: what the registry answered the last crawl (an error) only
 * for those who manage it.
 */
function toDto(row: RegistryRow, caller: UserIdentity): RegistryDto {
  const managed = manages(caller, row);
  return {
    id: row.id,
    service: row.service,
    url: row.url,
    insecure: row.insecure,
    restricted: row.restricted,
    fronted: row.fronted,
    publications: row.publications.map((p) => p.group.name).sort(),
    responsibles: row.responsibles.map((r) => r.group.name).sort(),
    anonymousPull: row.anonymousPull,
    discoveryState: row.discoveryState,
    lastDiscoveryAt: row.lastDiscoveryAt?.toISOString() ?? null,
    lastDiscoveryMs: row.lastDiscoveryMs,
    lastDiscoveryError: managed ? row.lastDiscoveryError : null,
    endpointApproved: row.endpointApprovedAt !== null,
    endpointApprovedAt: row.endpointApprovedAt?.toISOString() ?? null,
    endpointApprovedBy: managed ? row.endpointApprovedBy : null,
    nextDiscoveryAt: row.nextDiscoveryAt?.toISOString() ?? null,
    repositoryCount: row._count.repositories,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function notFound(id: number): AppError {
  return new AppError(ErrorCode.REGISTRY_NOT_FOUND, `No registry has id ${id}`);
}

function validAnonymousPull(patterns: string[]): string[] {
  patterns.forEach((pattern, i) => {
    const problem = repositoryPatternProblem(pattern);
    if (problem) throw new AppError(ErrorCode.VALIDATION_FAILED, `anonymousPull[${i}]: ${problem}`);
  });
  return [...new Set(patterns)];
}

/** Admins and members of a registry's responsible groups change it (docs/access-policy.md). */
export function assertResponsible(
  caller: UserIdentity,
  row: { service: string; responsibles: { groupId: number }[] },
): void {
  if (!manages(caller, row))
    throw new AppError(ErrorCode.FORBIDDEN, `Only admins and responsibles of ${row.service} may change it`);
}

/** An endpoint an admin sets is approved by that admin; one anybody else sets waits for approval. */
function endpointApproval(caller: UserIdentity): Pick<RegistryWrite, 'endpointApprovedAt' | 'endpointApprovedBy'> {
  return caller.isAdmin
    ? { endpointApprovedAt: new Date(), endpointApprovedBy: caller.name }
    : { endpointApprovedAt: null, endpointApprovedBy: null };
}

@Injectable()
export class RegistriesService {
  constructor(
    private readonly registries: RegistriesRepository,
    private readonly groups: GroupsService,
  ) {}

  async list(caller: UserIdentity, query: RegistryListQueryDto): Promise<RegistryPageDto> {
    const request = pageRequestOf(query, 'service');
    // A registry-limited token sees its registries only.
    const services = caller.token?.registries ?? undefined;
    return pageOf(
      await this.registries.page({ ...query, ...(services === undefined ? {} : { services }) }, request),
      request,
      (row) => toDto(row, caller),
    );
  }

  async get(caller: UserIdentity, id: number): Promise<RegistryDto> {
    return toDto(await this.found(id), caller);
  }

  /** The registry, or REGISTRY_NOT_FOUND. */
  async found(id: number): Promise<RegistryRow> {
    const row = await this.registries.findById(id);
    if (!row) throw notFound(id);
    return row;
  }

  /** The registry, if the caller is an admin or one of its responsibles. */
  async responsibleFor(caller: UserIdentity, id: number): Promise<RegistryRow> {
    const row = await this.found(id);
    assertResponsible(caller, row);
    return row;
  }

  /**
   * Declaring a registry needs DockerRegistriesManager; the creator's primary group becomes its
   * first responsible and publication group.
   */
  async create(caller: UserIdentity, input: CreateRegistryDto): Promise<RegistryDto> {
    if (!caller.isAdmin && !caller.privileges.includes('DockerRegistriesManager')) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Declaring a registry needs DockerRegistriesManager');
    }
    const write = await this.writeOf(input);
    const primary = caller.isAdmin ? undefined : caller.primaryGroup;
    if (primary) {
      write.responsibleIds = [...new Set([primary.id, ...(write.responsibleIds ?? [])])];
      write.publicationIds = [...new Set([primary.id, ...(write.publicationIds ?? [])])];
    }
    const row = await this.registries.create({
      ...write,
      ...endpointApproval(caller),
      service: input.service,
      url: input.url,
    });
    if (!row) {
      throw new AppError(ErrorCode.REGISTRY_SERVICE_TAKEN, `A registry with service "${input.service}" exists`);
    }
    return toDto(row, caller);
  }

  /**
   * Responsibles change a registry; a new `url` or `insecure` from anybody but an admin leaves
   * the endpoint awaiting an admin's approval (Portcullis calls it with its own tokens).
   */
  async update(caller: UserIdentity, id: number, input: UpdateRegistryDto): Promise<RegistryDto> {
    const current = await this.responsibleFor(caller, id);
    const write = await this.writeOf(input);
    if (input.url !== undefined) write.url = input.url;
    const endpointChanged =
      (input.url !== undefined && input.url !== current.url) ||
      (input.insecure !== undefined && input.insecure !== current.insecure);
    const row = await this.registries.update(id, endpointChanged ? { ...write, ...endpointApproval(caller) } : write);
    if (!row) throw notFound(id);
    return toDto(row, caller);
  }

  /** An admin trusts the registry's current endpoint with Portcullis's own tokens ("adopts" it). */
  async approveEndpoint(caller: UserIdentity, id: number): Promise<RegistryDto> {
    await this.found(id);
    const row = await this.registries.update(id, endpointApproval(caller));
    if (!row) throw notFound(id);
    return toDto(row, caller);
  }

  async delete(caller: UserIdentity, id: number): Promise<void> {
    await this.responsibleFor(caller, id);
    if (!(await this.registries.delete(id))) throw notFound(id);
  }

  private async writeOf(input: UpdateRegistryDto): Promise<RegistryWrite> {
    const write: RegistryWrite = {};
    if (input.insecure !== undefined) write.insecure = input.insecure;
    if (input.restricted !== undefined) write.restricted = input.restricted;
    if (input.fronted !== undefined) write.fronted = input.fronted;
    if (input.anonymousPull !== undefined) write.anonymousPull = validAnonymousPull(input.anonymousPull);
    if (input.publications !== undefined)
      write.publicationIds = await this.groups.resolve(input.publications, 'publications');
    if (input.responsibles !== undefined)
      write.responsibleIds = await this.groups.resolve(input.responsibles, 'responsibles');
    return write;
  }
}
