import { Injectable } from '@nestjs/common';
import type { RegistryPolicy } from '@portcullis/domain';
import { Prisma } from '../database/generated/client';
import { type PageRequest, keyset } from '../database/keyset';
import { nameContains } from '../database/pagination';
import { isUniqueViolation } from '../database/prisma-errors';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/transactions';

const withGroups = {
  include: {
    responsibles: { include: { group: { select: { id: true, name: true } } } },
    publications: { include: { group: { select: { id: true, name: true } } } },
    _count: { select: { repositories: true } },
  },
} satisfies Prisma.RegistryDefaultArgs;

export type RegistryRow = Prisma.RegistryGetPayload<typeof withGroups>;

/** What the token path reads of a registry: its policy and nothing more (no counts, no names). */
const policyOnly = {
  select: {
    id: true,
    service: true,
    restricted: true,
    fronted: true,
    anonymousPull: true,
    responsibles: { select: { groupId: true } },
    publications: { select: { groupId: true } },
  },
} satisfies Prisma.RegistryDefaultArgs;

export type RegistryPolicyRow = Prisma.RegistryGetPayload<typeof policyOnly>;

export function registryPolicyOf(row: RegistryPolicyRow): RegistryPolicy {
  return {
    service: row.service,
    restricted: row.restricted,
    fronted: row.fronted,
    publications: row.publications.map((p) => p.groupId),
    responsibles: row.responsibles.map((r) => r.groupId),
    anonymousPull: row.anonymousPull,
  };
}

export interface DiscoveryStatus {
  discoveryState: 'ok' | 'down';
  lastDiscoveryAt: Date;
  lastDiscoveryMs: number;
  lastDiscoveryError: string | null;
  discoveryFailures: number;
  nextDiscoveryAt: Date;
}

/** What a crawl reads of a registry: where to call it, whether that is approved, its backoff. */
const CRAWLED = {
  id: true,
  service: true,
  url: true,
  insecure: true,
  endpointApprovedAt: true,
  discoveryFailures: true,
  notificationKeyVersion: true,
} satisfies Prisma.RegistrySelect;

/** A registry as Portcullis calls it (see `RegistriesRepository.endpoint`). */
export type RegistryEndpointRow = Prisma.RegistryGetPayload<{
  select: typeof CRAWLED & { notificationKeyVersion: true };
}>;

export interface RegistryWrite {
  url?: string;
  insecure?: boolean;
  restricted?: boolean;
  fronted?: boolean;
  anonymousPull?: string[];
  publicationIds?: number[];
  responsibleIds?: number[];
  endpointApprovedAt?: Date | null;
  endpointApprovedBy?: string | null;
}

function scalars(data: RegistryWrite) {
  const { publicationIds: _p, responsibleIds: _r, ...rest } = data;
  return rest;
}

/** Replaces the registry's publication and responsible groups, those given. */
async function replaceGroups(tx: Tx, registryId: number, data: RegistryWrite): Promise<void> {
  if (data.publicationIds !== undefined) {
    await tx.registryPublication.deleteMany({ where: { registryId } });
    await tx.registryPublication.createMany({ data: data.publicationIds.map((groupId) => ({ registryId, groupId })) });
  }
  if (data.responsibleIds !== undefined) {
    await tx.registryResponsible.deleteMany({ where: { registryId } });
    await tx.registryResponsible.createMany({ data: data.responsibleIds.map((groupId) => ({ registryId, groupId })) });
  }
}

@Injectable()
export class RegistriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByService(service: string): Promise<RegistryPolicyRow | null> {
    return this.prisma.registry.findUnique({ where: { service }, ...policyOnly });
  }

  /** Every registry's policy, for reads that decide access across registries (search). */
  /** Every registry's policy, or those of `ids`. */
  listPolicies(ids?: readonly number[]): Promise<RegistryPolicyRow[]> {
    return this.prisma.registry.findMany({
      ...(ids === undefined ? {} : { where: { id: { in: [...ids] } } }),
      orderBy: { service: 'asc' },
      ...policyOnly,
    });
  }

  /** The service of the registry with this id, or null. */
  async serviceOf(id: number): Promise<string | null> {
    return (await this.prisma.registry.findUnique({ where: { id }, select: { service: true } }))?.service ?? null;
  }

  findById(id: number): Promise<RegistryRow | null> {
    return this.prisma.registry.findUnique({ where: { id }, ...withGroups });
  }

  /** One page of registries whose service contains `q` (among `services`, when given). */
  page(filter: { q?: string; services?: readonly string[] }, request: PageRequest): Promise<RegistryRow[]> {
    const service = nameContains(filter.q);
    const page = keyset<Prisma.RegistryWhereInput, Prisma.RegistryOrderByWithRelationInput>(request);
    return this.prisma.registry.findMany({
      where: {
        AND: [
          page.where,
          service ? { service } : {},
          filter.services === undefined ? {} : { service: { in: [...filter.services] } },
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
      ...withGroups,
    });
  }

  /** Creates it, or returns null when the service name is taken. */
  async create(data: RegistryWrite & { service: string; url: string }): Promise<RegistryRow | null> {
    try {
      return await this.prisma.registry.create({
        data: {
          ...scalars(data),
          service: data.service,
          url: data.url,
          publications: { create: (data.publicationIds ?? []).map((groupId) => ({ groupId })) },
          responsibles: { create: (data.responsibleIds ?? []).map((groupId) => ({ groupId })) },
        },
        ...withGroups,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Updates it, or returns null when it does not exist. */
  async update(id: number, data: RegistryWrite): Promise<RegistryRow | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.registry.updateMany({ where: { id }, data: scalars(data) });
      if (count === 0) return null;
      await replaceGroups(tx, id, data);
      return tx.registry.findUnique({ where: { id }, ...withGroups });
    });
  }

  /** True when a row was deleted. */
  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.registry.deleteMany({ where: { id } });
    return count === 1;
  }

  /** Registries whose crawl is due, among those whose endpoint an admin approved (adopted). */
  dueRegistries(now: Date) {
    return this.prisma.registry.findMany({
      where: {
        endpointApprovedAt: { not: null },
        OR: [{ nextDiscoveryAt: null }, { nextDiscoveryAt: { lte: now } }],
      },
      select: CRAWLED,
      orderBy: { id: 'asc' },
    });
  }

  /** What calling the registry needs (where, whether approved, its backoff) and its notification key version. */
  endpoint(id: number): Promise<RegistryEndpointRow | null> {
    return this.prisma.registry.findUnique({ where: { id }, select: { ...CRAWLED, notificationKeyVersion: true } });
  }

  async bumpNotificationKey(registryId: number): Promise<void> {
    await this.prisma.registry.update({
      where: { id: registryId },
      data: { notificationKeyVersion: { increment: 1 } },
    });
  }

  async setStatus(registryId: number, status: DiscoveryStatus): Promise<void> {
    await this.prisma.registry.updateMany({ where: { id: registryId }, data: status });
  }

  /** Every registry's service. */
  async allServices(): Promise<Set<string>> {
    return new Set((await this.prisma.registry.findMany({ select: { service: true } })).map((r) => r.service));
  }

  /** Writes a registry as configuration declares it: created when missing, else brought in line. */
  async applyDeclared(service: string, data: RegistryWrite & { url: string }, tx: Tx): Promise<void> {
    const fields = scalars(data);
    const row = await tx.registry.upsert({
      where: { service },
      create: { ...fields, service, url: data.url },
      update: fields,
    });
    await replaceGroups(tx, row.id, data);
  }
}
