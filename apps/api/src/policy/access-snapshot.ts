import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import {
  type AppPolicy,
  type CustomRule,
  type Identity,
  type RegistryPolicy,
  loginNameOf,
  rulesForAsker,
} from '@portcullis/domain';
import { touchesAny } from '../cluster/access-changes';
import { AccessGeneration } from '../cluster/access-generation';
import { promptly } from '../database/database-unavailable';
import { AppsRepository, appPolicyOf } from '../identity/apps/apps.repository';
import { RegistriesRepository, type RegistryPolicyRow, registryPolicyOf } from '../registries/registries.repository';
import { RulesRepository, ruleOf } from './rules/rules.repository';

/** What token decisions read besides the asker, as of one access generation. */
export interface PolicySnapshot {
  readonly generation: bigint;
  /** By service: the row, and its policy as decisions read it. */
  readonly registries: ReadonlyMap<string, { readonly row: RegistryPolicyRow; readonly policy: RegistryPolicy }>;
  /** The apps `apps/<ref>/…` names: `ref` is an app's name or id. */
  apps(ref: string): AppPolicy[];
  /** Every app. */
  readonly appList: readonly AppPolicy[];
  readonly rules: readonly CustomRule[];
  /** The rules that can fit this asker on this registry (rulesForAsker), cached per asker. */
  rulesFor(identity: Identity, service: string): readonly CustomRule[];
}

const ASKERS_CACHED = 10_000;

/**
 * What decides which rules can fit an asker. The credential cache hands out the same identity
 * object for every token of a login, so the key is built once per identity (WeakMap), not per token.
 */
const askerKeys = new WeakMap<Identity, string>();
function askerKey(identity: Identity): string {
  let key = askerKeys.get(identity);
  if (key === undefined) {
    const groups = identity.kind === 'user' ? identity.groups.map((g) => g.name).join('\0') : '';
    key = `${identity.kind}\u0001${loginNameOf(identity)}\u0001${groups}`;
    askerKeys.set(identity, key);
  }
  return key;
}

function snapshotOf(
  generation: bigint,
  registries: RegistryPolicyRow[],
  apps: AppPolicy[],
  rules: CustomRule[],
): PolicySnapshot {
  const byName = new Map(apps.map((a) => [a.name, a]));
  const byId = new Map(apps.map((a) => [String(a.id), a]));
  const askers = new LRUCache<string, CustomRule[]>({ max: ASKERS_CACHED });
  return {
    generation,
    registries: new Map(registries.map((row) => [row.service, { row, policy: registryPolicyOf(row) }])),
    apps: (ref) =>
      [byName.get(ref), byId.get(ref)].filter((a, i, all): a is AppPolicy => a !== undefined && all.indexOf(a) === i),
    appList: apps,
    rules,
    rulesFor(identity, service) {
      const key = `${askerKey(identity)}\u0001${service}`;
      let fitting = askers.get(key);
      if (fitting === undefined) {
        fitting = rulesForAsker(rules, identity, service);
        askers.set(key, fitting);
      }
      return fitting;
    },
  };
}

/**
 * The in-memory policy (registries, apps, rules), loaded in three queries and replaced when a change
 * touches registries, apps or rules (the access generation's change log says which), so deciding a
 * token reads nothing from the database; changes to users, groups and machines leave it as it is.
 * While the database is unreachable, the last snapshot goes on serving.
 */
@Injectable()
export class AccessSnapshot {
  private readonly logger = new Logger(AccessSnapshot.name);
  private snapshot: PolicySnapshot | undefined;
  private servingStale = false;
  private loading: { generation: bigint | undefined; promise: Promise<PolicySnapshot> } | undefined;
  /** The generation of the last change to the policy: a snapshot older than it is replaced. */
  private policyChangedAt: bigint | undefined;

  constructor(
    private readonly generation: AccessGeneration,
    private readonly registries: RegistriesRepository,
    private readonly apps: AppsRepository,
    private readonly rules: RulesRepository,
  ) {
    generation.onChange((changes) => {
      if (touchesAny(changes, ['registry', 'app', 'rule'])) this.policyChangedAt = changes.generation;
    });
  }

  /** Whether a snapshot of `generation` holds the policy as of now. */
  private upToDate(generation: bigint | undefined): generation is bigint {
    return (
      generation !== undefined &&
      (this.policyChangedAt === undefined
        ? generation === this.generation.current()
        : generation >= this.policyChangedAt)
    );
  }

  /** The snapshot of the current policy; throws DatabaseUnavailable when there is none to give. */
  async current(): Promise<PolicySnapshot> {
    if (this.snapshot !== undefined && this.upToDate(this.snapshot.generation)) return this.snapshot;
    const generation = this.generation.current();
    if (this.loading !== undefined && this.upToDate(this.loading.generation)) return this.loading.promise;
    const promise = this.load(generation).finally(() => {
      if (this.loading?.promise === promise) this.loading = undefined;
    });
    this.loading = { generation, promise };
    return promise;
  }

  private async load(known: bigint | undefined): Promise<PolicySnapshot> {
    try {
      const generation = known ?? (await promptly(true, () => this.generation.sync()));
      const [registries, apps, rules] = await promptly(this.generation.databaseReachable, () =>
        Promise.all([this.registries.listPolicies(), this.apps.listPolicies(), this.rules.list()]),
      );
      const snapshot = snapshotOf(generation, registries, apps.map(appPolicyOf), rules.map(ruleOf));
      if (this.snapshot === undefined || snapshot.generation >= this.snapshot.generation) this.snapshot = snapshot;
      this.servingStale = false;
      return snapshot;
    } catch (error) {
      if (this.snapshot === undefined) throw error;
      if (!this.servingStale) {
        this.logger.warn(
          `Deciding with the policy of generation ${this.snapshot.generation} until the database answers`,
        );
      }
      this.servingStale = true;
      return this.snapshot;
    }
  }
}
