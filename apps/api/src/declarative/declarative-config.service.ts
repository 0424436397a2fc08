import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import type { RobotPermission } from '@portcullis/domain';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../identity/credentials/password-hasher';
import type { Operation, Progress } from '../jobs/operation';
import { validateRuleMatch } from '../policy/rules/rule-validation';
import { ApplySummaryDto, DeclarativeConfig } from './declarative-config.dto';
import { DeclarativeConfigError, parseDeclarativeConfig } from './declarative-config.parser';
import { ApplyPlan, DeclaredState, ExistingState } from './declared-state';

/** Who asked for an apply, for the audit log. */
export interface ApplyOrigin {
  actor: string;
  source: string;
}

/**
 * Declarative configuration: a portcullis.yaml document declares groups, users, apps, registries,
 * services, robots and rules by name; applying it creates what is missing and brings what exists
 * in line, leaves undeclared objects alone, and writes everything or nothing. CONFIG_FILE is
 * applied at every start; the API applies documents on demand.
 */
@Injectable()
export class DeclarativeConfigService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DeclarativeConfig');

  constructor(
    private readonly state: DeclaredState,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.configFile;
    if (file === undefined) return;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`CONFIG_FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    try {
      const summary = await this.applyText(text, { actor: '', source: `CONFIG_FILE ${file}` });
      const created = Object.entries(summary.created).filter(([, names]) => names.length > 0);
      this.logger.log(
        `Applied ${file}` +
          (created.length > 0
            ? `; created ${created.map(([kind, names]) => `${kind} ${names.join(', ')}`).join('; ')}`
            : ''),
      );
    } catch (error) {
      if (error instanceof DeclarativeConfigError) {
        throw new Error(`CONFIG_FILE ${file}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  applyText(text: string, origin: ApplyOrigin): Promise<ApplySummaryDto> {
    return this.apply(parseDeclarativeConfig(text), origin);
  }

  /** Parses and validates the document now (400 at once), to apply it in the request or as a job. */
  prepareApply(text: string, origin: ApplyOrigin): Operation<ApplySummaryDto> {
    const config = parseDeclarativeConfig(text);
    return ({ progress }) => this.apply(config, origin, progress);
  }

  async apply(
    config: DeclarativeConfig,
    origin: ApplyOrigin,
    progress: Progress = () => undefined,
  ): Promise<ApplySummaryDto> {
    const declared = {
      groups: (config.groups ?? []).map((g) => g.name),
      users: (config.users ?? []).map((u) => u.name),
      apps: (config.apps ?? []).map((a) => a.name),
      registries: (config.registries ?? []).map((r) => r.service),
      services: (config.services ?? []).map((s) => s.name),
      robots: (config.robots ?? []).map((r) => r.name),
    };
    progress('checking');
    const existing = await this.state.existing(declared);
    this.checkReferences(config, existing);
    const plan = await this.planOf(config, existing, progress);
    progress('writing');
    // Only admins and the operator's CONFIG_FILE apply documents: the endpoints they state are approved.
    await this.state.apply(plan, origin.actor === '' ? 'configuration' : origin.actor);

    const kinds = Object.entries(declared) as [keyof typeof declared, string[]][];
    const summary: ApplySummaryDto = {
      created: Object.fromEntries(kinds.map(([kind, names]) => [kind, names.filter((n) => !existing[kind].has(n))])),
      updated: Object.fromEntries(kinds.map(([kind, names]) => [kind, names.filter((n) => existing[kind].has(n))])),
      rules: config.rules?.length ?? 0,
    };
    this.audit.record({
      category: 'change',
      action: 'config.apply',
      actor: origin.actor,
      actorKind: origin.actor === '' ? 'system' : 'user',
      outcome: 'ok',
      target: origin.source,
      detail: { ...summary },
    });
    return summary;
  }

  /** Groups and apps named anywhere must be declared in the document or exist already. */
  private checkReferences(config: DeclarativeConfig, existing: ExistingState): void {
    const groups = new Set([...existing.groups, ...(config.groups ?? []).map((g) => g.name)]);
    const apps = new Set([...existing.apps, ...(config.apps ?? []).map((a) => a.name)]);
    const problems: string[] = [];
    const group = (name: string, path: string) => {
      if (!groups.has(name)) problems.push(`${path}: there is no group "${name}"`);
    };
    config.users?.forEach((u, i) => {
      u.groups?.forEach((g, j) => group(g, `users[${i}].groups[${j}]`));
      if (u.primaryGroup !== undefined) group(u.primaryGroup, `users[${i}].primaryGroup`);
      if (!existing.users.has(u.name) && u.password === undefined && u.passwordHash === undefined) {
        problems.push(`users[${i}]: a new user needs password or passwordHash`);
      }
    });
    for (const [list, items] of [
      ['apps', config.apps],
      ['registries', config.registries],
    ] as const) {
      items?.forEach((item, i) => {
        item.responsibles?.forEach((g, j) => group(g, `${list}[${i}].responsibles[${j}]`));
        item.publications?.forEach((g, j) => group(g, `${list}[${i}].publications[${j}]`));
      });
    }
    for (const [list, items, known] of [
      ['services', config.services, existing.services],
      ['robots', config.robots, existing.robots],
    ] as const) {
      items?.forEach((item, i) => {
        if (!apps.has(item.app)) problems.push(`${list}[${i}].app: there is no app "${item.app}"`);
        if (!known.has(item.name) && item.secret === undefined && item.secretHash === undefined) {
          problems.push(`${list}[${i}]: a new ${list.slice(0, -1)} needs secret or secretHash`);
        }
      });
    }
    if (problems.length > 0) throw new DeclarativeConfigError(problems);
  }

  /** A secret's hash to write: unchanged (undefined) when the stored hash already verifies it. */
  private async hashFor(
    secret: string | undefined,
    hash: string | undefined,
    stored: string | undefined,
  ): Promise<string | undefined> {
    if (hash !== undefined) return hash === stored ? undefined : hash;
    if (secret === undefined) return undefined;
    if (stored !== undefined && (await this.hasher.verify(stored, secret))) return undefined;
    return this.hasher.hash(secret);
  }

  private async planOf(config: DeclarativeConfig, existing: ExistingState, progress: Progress): Promise<ApplyPlan> {
    // Hashing (argon2id) is the slow part of a large document: counted for progress.
    const secrets = [
      ...(config.users ?? []).map((u) => [u.password, u.passwordHash]),
      ...(config.services ?? []).map((s) => [s.secret, s.secretHash]),
      ...(config.robots ?? []).map((r) => [r.secret, r.secretHash]),
    ].filter(([secret, hash]) => secret !== undefined && hash === undefined).length;
    let hashed = 0;
    progress('hashing secrets', 0, secrets);
    const hashFor = async (secret: string | undefined, hash: string | undefined, stored: string | undefined) => {
      const result = await this.hashFor(secret, hash, stored);
      if (secret !== undefined && hash === undefined) progress('hashing secrets', ++hashed, secrets);
      return result;
    };
    const users = await Promise.all(
      (config.users ?? []).map(async (u) => {
        const passwordHash = await hashFor(
          u.password,
          u.passwordHash,
          existing.users.get(u.name)?.passwordHash ?? undefined,
        );
        return {
          name: u.name,
          ...(passwordHash === undefined ? {} : { passwordHash }),
          ...(u.email === undefined ? {} : { email: u.email }),
          ...(u.groups === undefined ? {} : { groups: u.groups }),
          ...(u.primaryGroup === undefined ? {} : { primaryGroup: u.primaryGroup }),
          ...(u.privileges === undefined ? {} : { privileges: u.privileges }),
          ...(u.admin === undefined ? {} : { isAdmin: u.admin }),
          ...(u.disabled === undefined ? {} : { disabled: u.disabled }),
        };
      }),
    );
    const services = await Promise.all(
      (config.services ?? []).map(async (s) => {
        const secretHash = await hashFor(s.secret, s.secretHash, existing.services.get(s.name)?.secretHash);
        return { name: s.name, app: s.app, ...(secretHash === undefined ? {} : { secretHash }) };
      }),
    );
    const robots = await Promise.all(
      (config.robots ?? []).map(async (r) => {
        const secretHash = await hashFor(r.secret, r.secretHash, existing.robots.get(r.name)?.secretHash);
        return {
          name: r.name,
          app: r.app,
          ...(secretHash === undefined ? {} : { secretHash }),
          permissions: r.permissions.map((p): RobotPermission => ({
            repositories: p.repositories,
            actions: [...new Set(p.actions)],
          })),
          expiresAt: r.expiresAt === undefined ? null : new Date(r.expiresAt),
        };
      }),
    );
    return {
      groups: (config.groups ?? []).map((g) => g.name),
      users,
      apps: (config.apps ?? []).map((a) => ({
        name: a.name,
        ...(a.responsibles === undefined ? {} : { responsibles: a.responsibles }),
        ...(a.publications === undefined ? {} : { publications: a.publications }),
      })),
      registries: config.registries ?? [],
      services,
      robots,
      ...(config.rules === undefined
        ? {}
        : {
            rules: config.rules.map((r) => ({
              match: validateRuleMatch(r.match),
              actions: [...new Set(r.actions)],
              comment: r.comment ?? null,
            })),
          }),
    };
  }
}
