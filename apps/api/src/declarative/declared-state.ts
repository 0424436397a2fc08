import { Injectable } from '@nestjs/common';
import type { Privilege, RobotPermission, RuleMatch } from '@portcullis/domain';
import { Transactions } from '../database/transactions';
import { AppsRepository } from '../identity/apps/apps.repository';
import { GroupsRepository } from '../identity/groups/groups.repository';
import { RobotsRepository } from '../identity/robots/robots.repository';
import { ServicesRepository } from '../identity/services/services.repository';
import { UsersRepository } from '../identity/users/users.repository';
import { RulesRepository } from '../policy/rules/rules.repository';
import { RegistriesRepository } from '../registries/registries.repository';

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
    fronted?: boolean;
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

/** A large document writes for long: its one transaction may take this long. */
const APPLY_TIMEOUT_MS = 120_000;

function groupIds(ids: Map<string, number>, names: readonly string[] | undefined): number[] | undefined {
  return names === undefined ? undefined : [...new Set(names.map((n) => ids.get(n)!))];
}

/**
 * What an apply reads of what exists, and the plan written in one transaction through each
 * feature's own repository (their rules, such as "a sign-in source's memberships are its own",
 * written once, where the feature keeps them).
 */
@Injectable()
export class DeclaredState {
  constructor(
    private readonly transactions: Transactions,
    private readonly groups: GroupsRepository,
    private readonly users: UsersRepository,
    private readonly apps: AppsRepository,
    private readonly registries: RegistriesRepository,
    private readonly services: ServicesRepository,
    private readonly robots: RobotsRepository,
    private readonly rules: RulesRepository,
  ) {}

  async existing(plan: { users: string[]; services: string[]; robots: string[] }): Promise<ExistingState> {
    const [groups, users, apps, registries, services, robots] = await Promise.all([
      this.groups.allNames(),
      this.users.passwordHashesOf(plan.users),
      this.apps.allNames(),
      this.registries.allServices(),
      this.services.secretHashesOf(plan.services),
      this.robots.secretHashesOf(plan.robots),
    ]);
    return { groups, users, apps, registries, services, robots };
  }

  /**
   * Writes the plan; any failure rolls everything back. `approvedBy` (an admin, or the configuration
   * file) approves the registry endpoints the plan states.
   */
  async apply(plan: ApplyPlan, approvedBy: string): Promise<void> {
    const approvedAt = new Date();
    await this.transactions.run(
      async (tx) => {
        await this.groups.ensureNamed(plan.groups, tx);
        const ids = await this.groups.idsByName(
          [
            ...plan.users.flatMap((u) => [...(u.groups ?? []), ...(u.primaryGroup ? [u.primaryGroup] : [])]),
            ...plan.apps.flatMap((a) => [...(a.responsibles ?? []), ...(a.publications ?? [])]),
            ...plan.registries.flatMap((r) => [...(r.responsibles ?? []), ...(r.publications ?? [])]),
          ],
          tx,
        );
        for (const user of plan.users) {
          const memberships = groupIds(ids, user.groups);
          await this.users.applyDeclared(
            user.name,
            {
              ...(user.passwordHash === undefined ? {} : { passwordHash: user.passwordHash }),
              ...(user.email === undefined ? {} : { email: user.email }),
              ...(user.privileges === undefined ? {} : { privileges: [...new Set(user.privileges)] }),
              ...(user.isAdmin === undefined ? {} : { isAdmin: user.isAdmin }),
              ...(user.disabled === undefined ? {} : { disabled: user.disabled }),
              ...(user.primaryGroup === undefined ? {} : { primaryGroupId: ids.get(user.primaryGroup)! }),
              ...(memberships === undefined ? {} : { groupIds: memberships }),
            },
            tx,
          );
        }
        for (const app of plan.apps) {
          const responsibleIds = groupIds(ids, app.responsibles);
          const publicationIds = groupIds(ids, app.publications);
          await this.apps.applyDeclared(
            app.name,
            {
              ...(responsibleIds === undefined ? {} : { responsibleIds }),
              ...(publicationIds === undefined ? {} : { publicationIds }),
            },
            tx,
          );
        }
        for (const registry of plan.registries) {
          const responsibleIds = groupIds(ids, registry.responsibles);
          const publicationIds = groupIds(ids, registry.publications);
          await this.registries.applyDeclared(
            registry.service,
            {
              url: registry.url,
              endpointApprovedAt: approvedAt,
              endpointApprovedBy: approvedBy,
              ...(registry.insecure === undefined ? {} : { insecure: registry.insecure }),
              ...(registry.restricted === undefined ? {} : { restricted: registry.restricted }),
              ...(registry.fronted === undefined ? {} : { fronted: registry.fronted }),
              ...(registry.anonymousPull === undefined ? {} : { anonymousPull: [...new Set(registry.anonymousPull)] }),
              ...(responsibleIds === undefined ? {} : { responsibleIds }),
              ...(publicationIds === undefined ? {} : { publicationIds }),
            },
            tx,
          );
        }
        const appIds = await this.apps.idsByName(
          [...plan.services, ...plan.robots].map((m) => m.app),
          tx,
        );
        for (const service of plan.services) {
          await this.services.applyDeclared(
            service.name,
            {
              appId: appIds.get(service.app)!,
              ...(service.secretHash === undefined ? {} : { secretHash: service.secretHash }),
            },
            tx,
          );
        }
        for (const robot of plan.robots) {
          await this.robots.applyDeclared(
            robot.name,
            {
              appId: appIds.get(robot.app)!,
              permissions: robot.permissions,
              expiresAt: robot.expiresAt,
              ...(robot.secretHash === undefined ? {} : { secretHash: robot.secretHash }),
            },
            tx,
          );
        }
        if (plan.rules !== undefined) await this.rules.replaceConfigRules(plan.rules, tx);
      },
      { timeoutMs: APPLY_TIMEOUT_MS },
    );
  }
}
