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
import type { AccessChanges } from '../cluster/access-changes';
import { AccessGeneration } from '../cluster/access-generation';
import { entriesUpTo } from '../common/cache-size';
import { promptly } from '../database/database-unavailable';
import { type AppRow, AppsRepository, appPolicyOf } from '../identity/apps/apps.repository';
import { Metrics } from '../observability/metrics';
import { RegistriesRepository, type RegistryPolicyRow, registryPolicyOf } from '../registries/registries.repository';
import { type RuleRow, RulesRepository, ruleOf } from './rules/rules.repository';

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

/**
 * The rules that fit each asker, for one list of rules. The next list (after a change) starts from
 * these: a rule object that did not change fits as it did, so an asker's rules are judged again
 * only for the rules a change touched, not all of them (rulesForAsker's `earlier`).
 */
class AskerRules {
  readonly askers = new LRUCache<string, CustomRule[]>(entriesUpTo(ASKERS_CACHED));
  private ruleSet: ReadonlySet<CustomRule> | undefined;

  /** Only the one before is kept: older lists are left to the garbage collector. */
  constructor(
    readonly rules: readonly CustomRule[],
    private earlier: AskerRules | undefined,
  ) {
    if (earlier !== undefined) earlier.earlier = undefined;
  }

  get set(): ReadonlySet<CustomRule> {
    return (this.ruleSet ??= new Set(this.rules));
  }

  rulesFor(identity: Identity, service: string): CustomRule[] {
    const key = `${askerKey(identity)}\u0001${service}`;
    let fitting = this.askers.get(key);
    if (fitting === undefined) {
      const before = this.earlier?.askers.peek(key);
      fitting = rulesForAsker(
        this.rules,
        identity,
        service,
        before === undefined ? undefined : { rules: this.earlier!.set, fitting: before },
      );
      this.askers.set(key, fitting);
    }
    return fitting;
  }
}

function snapshotOf(
  generation: bigint,
  registries: RegistryPolicyRow[],
  apps: AppPolicy[],
  rules: AskerRules,
): PolicySnapshot {
  const byName = new Map(apps.map((a) => [a.name, a]));
  const byId = new Map(apps.map((a) => [String(a.id), a]));
  return {
    generation,
    registries: new Map(registries.map((row) => [row.service, { row, policy: registryPolicyOf(row) }])),
    apps: (ref) =>
      [byName.get(ref), byId.get(ref)].filter((a, i, all): a is AppPolicy => a !== undefined && all.indexOf(a) === i),
    appList: apps,
    rules: rules.rules,
    rulesFor: (identity, service) => rules.rulesFor(identity, service),
  };
}

const POLICY_KINDS = ['registry', 'app', 'rule'] as const;

/** The changes to the policy not yet in the snapshot: ids by kind, or everything. */
class PendingChanges {
  readonly registry = new Set<number>();
  readonly app = new Set<number>();
  readonly rule = new Set<number>();

  constructor(public all: boolean) {}

  get any(): boolean {
    return this.all || this.registry.size > 0 || this.app.size > 0 || this.rule.size > 0;
  }

  add(changes: AccessChanges): void {
    if (changes.all) this.all = true;
    for (const kind of POLICY_KINDS) for (const id of changes.touched.get(kind) ?? []) this[kind].add(id);
  }

  merge(other: PendingChanges): void {
    this.all ||= other.all;
    for (const kind of POLICY_KINDS) for (const id of other[kind]) this[kind].add(id);
  }
}

/** Rows read from the database for the snapshot: all of them, or those a change touched. */
interface PolicyRead {
  readonly registries: RegistryPolicyRow[];
  readonly apps: AppRow[];
  readonly rules: RuleRow[];
}

/**
 * What the snapshot is built from, by id, already as decisions read it: a change replaces only its
 * own entries (no other row is converted again).
 */
class PolicyRows {
  private readonly registries = new Map<number, RegistryPolicyRow>();
  private readonly apps = new Map<number, AppPolicy>();
  private readonly rules = new Map<number, { readonly position: number; readonly rule: CustomRule }>();
  /** The rules of the last snapshot, and what fitted each asker (the next snapshot starts from it). */
  private askerRules: AskerRules | undefined;

  /** Puts in what was read, in place of the entries of `touched` (those gone stay out). */
  apply(read: PolicyRead, touched?: PendingChanges): void {
    if (touched !== undefined) {
      for (const id of touched.registry) this.registries.delete(id);
      for (const id of touched.app) this.apps.delete(id);
      for (const id of touched.rule) this.rules.delete(id);
    }
    for (const row of read.registries) this.registries.set(row.id, row);
    for (const row of read.apps) this.apps.set(row.id, appPolicyOf(row));
    for (const row of read.rules) this.rules.set(row.id, { position: row.position, rule: ruleOf(row) });
  }

  snapshot(generation: bigint): PolicySnapshot {
    this.askerRules = new AskerRules(
      [...this.rules.values()].sort((a, b) => a.position - b.position || a.rule.id - b.rule.id).map((r) => r.rule),
      this.askerRules,
    );
    return snapshotOf(
      generation,
      [...this.registries.values()].sort((a, b) => a.service.localeCompare(b.service)),
      [...this.apps.values()].sort((a, b) => a.id - b.id),
      this.askerRules,
    );
  }
}

/**
 * The in-memory policy (registries, apps, rules), loaded in three queries at first, so deciding a
 * token reads nothing from the database. The access generation's change log says which registries,
 * apps and rules each change touched: only those rows are read again and the snapshot rebuilt from
 * the rest in memory (a change for everyone reloads it all); changes to users, groups and machines
 * leave it as it is. Token decisions wait for a change to be applied, a few milliseconds. While
 * the database is unreachable, the last snapshot goes on serving.
 */
@Injectable()
export class AccessSnapshot {
  private readonly logger = new Logger(AccessSnapshot.name);
  private snapshot: PolicySnapshot | undefined;
  private rows: PolicyRows | undefined;
  private pending = new PendingChanges(true);
  private servingStale = false;
  private loading: Promise<PolicySnapshot> | undefined;

  constructor(
    private readonly generation: AccessGeneration,
    private readonly registries: RegistriesRepository,
    private readonly apps: AppsRepository,
    private readonly rules: RulesRepository,
    private readonly metrics: Metrics,
  ) {
    generation.onChange((changes) => this.pending.add(changes));
  }

  /** The snapshot of the current policy; throws DatabaseUnavailable when there is none to give. */
  async current(): Promise<PolicySnapshot> {
    // A change that arrives while a load runs is applied by the next one (at most twice more).
    for (let attempt = 0; ; attempt++) {
      // A load under way holds changes already taken from `pending`: wait for it.
      if (this.snapshot !== undefined && !this.pending.any && this.loading === undefined) return this.snapshot;
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      const snapshot = await this.loading;
      if (this.servingStale || attempt === 2) return snapshot;
    }
  }

  private async load(): Promise<PolicySnapshot> {
    const pending = this.pending;
    this.pending = new PendingChanges(false);
    try {
      const generation = this.generation.current() ?? (await promptly(true, () => this.generation.sync()));
      const started = performance.now();
      const full = pending.all || this.rows === undefined;
      const read = await this.read(full ? undefined : pending);
      const rows = full ? new PolicyRows() : this.rows!;
      rows.apply(read, full ? undefined : pending);
      const snapshot = rows.snapshot(generation);
      this.metrics.snapshotLoaded(full ? 'full' : 'changes', (performance.now() - started) / 1000);
      this.rows = rows;
      this.snapshot = snapshot;
      this.servingStale = false;
      return snapshot;
    } catch (error) {
      // Not applied: the next load applies it.
      this.pending.merge(pending);
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

  /** Every registry, app and rule, or only those `touched` names. */
  private read(touched?: PendingChanges): Promise<PolicyRead> {
    const some = <Row>(ids: ReadonlySet<number> | undefined, list: (ids?: number[]) => Promise<Row[]>) =>
      ids === undefined ? list() : ids.size === 0 ? Promise.resolve([]) : list([...ids]);
    return promptly(this.generation.databaseReachable, async () => {
      const [registries, apps, rules] = await Promise.all([
        some(touched?.registry, (ids) => this.registries.listPolicies(ids)),
        some(touched?.app, (ids) => this.apps.listPolicies(ids)),
        some(touched?.rule, (ids) => this.rules.list(ids)),
      ]);
      return { registries, apps, rules };
    });
  }
}
