import { Injectable } from '@nestjs/common';
import type { Privilege, RobotPermission, RuleMatch } from '@portcullis/domain';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

/** Everything an apply writes, secrets already hashed; names not yet resolved to ids. */
export interface ApplyPlan {
  groups: string[];
  users: {
    name: string;
    passwordHash?: string;
    email?: string;
    groups?: string[];
    primaryGroup?: string;
    privileges?: Privilege[];
    isAdmin?: boolean;
    disabled?: boolean;
  }[];
  apps: { name: string; responsibles?: string[]; publications?: string[] }[];
  registries: {
    service: string;
    url: string;
    insecure?: boolean;
    restricted?: boolean;
    responsibles?: string[];
    publications?: string[];
    anonymousPull?: string[];
  }[];
  services: { name: string; app: string; secretHash?: string }[];
  robots: { name: string; app: string; secretHash?: string; permissions: RobotPermission[]; expiresAt: Date | null }[];
  /** Undefined: leave configuration rules alone; otherwise replace them. */
  rules?: { match: RuleMatch; actions: string[]; comment: string | null }[];
}

export interface ExistingState {
  groups: Set<string>;
  users: Map<string, { passwordHash: string | null }>;
  apps: Set<string>;
  registries: Set<string>;
  services: Map<string, { secretHash: string }>;
  robots: Map<string, { secretHash: string }>;
}

type Tx = Prisma.TransactionClient;

async function idsOf(tx: Tx, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.group.findMany({
    where: { name: { in: [...new Set(names)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.name, r.id]));
}

function groupIds(ids: Map<string, number>, names: readonly string[] | undefined): number[] | undefined {
  return names === undefined ? undefined : [...new Set(names.map((n) => ids.get(n)!))];
}

/** Declarative configuration: reads what exists, and writes a whole plan in one transaction. */
@Injectable()
export class DeclarativeConfigRepository {
  constructor(private readonly prisma: PrismaService) {}

  async existing(plan: { users: string[]; services: string[]; robots: string[] }): Promise<ExistingState> {
    const [groups, users, apps, registries, services, robots] = await Promise.all([
      this.prisma.group.findMany({ select: { name: true } }),
      this.prisma.user.findMany({ where: { name: { in: plan.users } }, select: { name: true, passwordHash: true } }),
      this.prisma.app.findMany({ select: { name: true } }),
      this.prisma.registry.findMany({ select: { service: true } }),
      this.prisma.service.findMany({
        where: { name: { in: plan.services } },
        select: { name: true, secretHash: true },
      }),
      this.prisma.robot.findMany({ where: { name: { in: plan.robots } }, select: { name: true, secretHash: true } }),
    ]);
    return {
      groups: new Set(groups.map((g) => g.name)),
      users: new Map(users.map((u) => [u.name, { passwordHash: u.passwordHash }])),
      apps: new Set(apps.map((a) => a.name)),
      registries: new Set(registries.map((r) => r.service)),
      services: new Map(services.map((s) => [s.name, { secretHash: s.secretHash }])),
      robots: new Map(robots.map((r) => [r.name, { secretHash: r.secretHash }])),
    };
  }

  /**
   * Writes the plan; any failure rolls everything back. `approvedBy` (an admin, or the configuration
   * file) approves the registry endpoints the plan states.
   */
  async apply(plan: ApplyPlan, approvedBy: string): Promise<void> {
    const approvedAt = new Date();
    await this.prisma.$transaction(
      async (tx) => {
        await tx.group.createMany({ data: plan.groups.map((name) => ({ name })), skipDuplicates: true });
        const referenced = [
          ...plan.users.flatMap((u) => [...(u.groups ?? []), ...(u.primaryGroup ? [u.primaryGroup] : [])]),
          ...plan.apps.flatMap((a) => [...(a.responsibles ?? []), ...(a.publications ?? [])]),
          ...plan.registries.flatMap((r) => [...(r.responsibles ?? []), ...(r.publications ?? [])]),
        ];
        const ids = await idsOf(tx, referenced);

        for (const user of plan.users) {
          const fields = {
            ...(user.passwordHash === undefined ? {} : { passwordHash: user.passwordHash }),
            ...(user.email === undefined ? {} : { email: user.email }),
            ...(user.privileges === undefined ? {} : { privileges: [...new Set(user.privileges)] }),
            ...(user.isAdmin === undefined ? {} : { isAdmin: user.isAdmin }),
            ...(user.disabled === undefined ? {} : { disabled: user.disabled }),
            ...(user.primaryGroup === undefined ? {} : { primaryGroupId: ids.get(user.primaryGroup)! }),
          };
          // Without a new hash the user exists already (checked before): update it.
          const row =
            user.passwordHash === undefined
              ? await tx.user.update({ where: { name: user.name }, data: fields })
              : await tx.user.upsert({
                  where: { name: user.name },
                  create: { name: user.name, passwordHash: user.passwordHash, ...fields },
                  update: fields,
                });
          const memberships = groupIds(ids, user.groups);
          if (memberships !== undefined) {
            // A sign-in source's memberships (the directory's groups) are its own to change.
            await tx.groupMembership.deleteMany({ where: { userId: row.id, source: 'local' } });
            await tx.groupMembership.createMany({
              data: memberships.map((groupId) => ({ userId: row.id, groupId })),
              skipDuplicates: true,
            });
          }
        }

        for (const app of plan.apps) {
          const row = await tx.app.upsert({ where: { name: app.name }, create: { name: app.name }, update: {} });
          const responsibles = groupIds(ids, app.responsibles);
          if (responsibles !== undefined) {
            await tx.appResponsible.deleteMany({ where: { appId: row.id } });
            await tx.appResponsible.createMany({ data: responsibles.map((groupId) => ({ appId: row.id, groupId })) });
          }
          const publications = groupIds(ids, app.publications);
          if (publications !== undefined) {
            await tx.appPublication.deleteMany({ where: { appId: row.id } });
            await tx.appPublication.createMany({ data: publications.map((groupId) => ({ appId: row.id, groupId })) });
          }
        }

        for (const registry of plan.registries) {
          const fields = {
            url: registry.url,
            endpointApprovedAt: approvedAt,
            endpointApprovedBy: approvedBy,
            ...(registry.insecure === undefined ? {} : { insecure: registry.insecure }),
            ...(registry.restricted === undefined ? {} : { restricted: registry.restricted }),
            ...(registry.anonymousPull === undefined ? {} : { anonymousPull: [...new Set(registry.anonymousPull)] }),
          };
          const row = await tx.registry.upsert({
            where: { service: registry.service },
            create: { service: registry.service, ...fields },
            update: fields,
          });
          const responsibles = groupIds(ids, registry.responsibles);
          if (responsibles !== undefined) {
            await tx.registryResponsible.deleteMany({ where: { registryId: row.id } });
            await tx.registryResponsible.createMany({
              data: responsibles.map((groupId) => ({ registryId: row.id, groupId })),
            });
          }
          const publications = groupIds(ids, registry.publications);
          if (publications !== undefined) {
            await tx.registryPublication.deleteMany({ where: { registryId: row.id } });
            await tx.registryPublication.createMany({
              data: publications.map((groupId) => ({ registryId: row.id, groupId })),
            });
          }
        }

        const appIds = new Map(
          (
            await tx.app.findMany({
              where: { name: { in: [...plan.services.map((s) => s.app), ...plan.robots.map((r) => r.app)] } },
              select: { id: true, name: true },
            })
          ).map((a) => [a.name, a.id]),
        );
        for (const service of plan.services) {
          const fields = {
            appId: appIds.get(service.app)!,
            ...(service.secretHash === undefined ? {} : { secretHash: service.secretHash }),
          };
          if (service.secretHash === undefined)
            await tx.service.update({ where: { name: service.name }, data: fields });
          else {
            await tx.service.upsert({
              where: { name: service.name },
              create: { name: service.name, secretHash: service.secretHash, ...fields },
              update: fields,
            });
          }
        }
        for (const robot of plan.robots) {
          const fields = {
            appId: appIds.get(robot.app)!,
            permissions: robot.permissions as unknown as Prisma.InputJsonValue,
            expiresAt: robot.expiresAt,
            ...(robot.secretHash === undefined ? {} : { secretHash: robot.secretHash }),
          };
          if (robot.secretHash === undefined) await tx.robot.update({ where: { name: robot.name }, data: fields });
          else {
            await tx.robot.upsert({
              where: { name: robot.name },
              create: { name: robot.name, secretHash: robot.secretHash, ...fields },
              update: fields,
            });
          }
        }

        if (plan.rules !== undefined) {
          // Configuration rules come first, in file order; rules made through the API follow.
          await tx.rule.deleteMany({ where: { source: 'config' } });
          const kept = await tx.rule.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
          for (const [i, rule] of kept.entries()) {
            await tx.rule.update({ where: { id: rule.id }, data: { position: plan.rules.length + i } });
          }
          await tx.rule.createMany({
            data: plan.rules.map((rule, position) => ({
              match: rule.match as Prisma.InputJsonValue,
              actions: rule.actions,
              comment: rule.comment,
              position,
              source: 'config',
            })),
          });
        }
      },
      { timeout: 120_000 },
    );
  }
}
