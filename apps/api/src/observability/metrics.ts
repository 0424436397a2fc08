import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What a token request came to: `refused` (bad credentials), `locked` (too many failed logins),
 * `unavailable` (the database did not answer and the caches could not), `error` (a malformed request).
 */
export type TokenOutcome = 'granted' | 'partial' | 'denied' | 'refused' | 'locked' | 'unavailable' | 'error';

/**
 * Prometheus metrics (prom-client), in a registry of this application's own: token requests by
 * outcome with their latency, discovery runs with theirs, and the process's own figures.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly tokens = new Counter({
    name: 'portcullis_token_requests_total',
    help: 'Token requests, by outcome (granted, partial, denied, refused, locked, unavailable, error)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly tokenSeconds = new Histogram({
    name: 'portcullis_token_request_duration_seconds',
    help: 'Time to answer a token request, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly credentialLookups = new Counter({
    name: 'portcullis_credential_cache_lookups_total',
    help: 'Logins looked up in the verified-credentials cache, by result (hit, miss, stale: used during a database outage)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly crawls = new Counter({
    name: 'portcullis_discovery_runs_total',
    help: 'Registry crawls, by outcome (ok, down)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly crawlSeconds = new Histogram({
    name: 'portcullis_discovery_duration_seconds',
    help: 'Time a registry crawl took',
    buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });
  private readonly snapshotLoads = new Histogram({
    name: 'portcullis_policy_snapshot_load_seconds',
    help: 'Time a load of the in-memory policy (registries, apps, rules) took, whole (full) or of what a change touched (changes); token decisions wait for it after a change of the policy',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly startup = new Gauge({
    name: 'portcullis_startup_seconds',
    help: 'Time from the process start to the end of each start-up phase: modules (the code loaded: Node.js, NestJS, Prisma and the rest, before any of Portcullis runs) and ready (listening)',
    labelNames: ['phase'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'portcullis_' });
  }

  /** Seconds from the process start (performance.now's origin) to the end of each phase. */
  startedUp(phases: { readonly modules: number; readonly ready: number }): void {
    this.startup.set({ phase: 'modules' }, phases.modules);
    this.startup.set({ phase: 'ready' }, phases.ready);
  }

  tokenRequest(outcome: TokenOutcome, seconds: number): void {
    this.tokens.inc({ outcome });
    this.tokenSeconds.observe({ outcome }, seconds);
  }

  credentialLookup(result: 'hit' | 'miss' | 'stale'): void {
    this.credentialLookups.inc({ result });
  }

  snapshotLoaded(kind: 'full' | 'changes', seconds: number): void {
    this.snapshotLoads.observe({ kind }, seconds);
  }

  discoveryRun(ok: boolean, seconds: number): void {
    this.crawls.inc({ outcome: ok ? 'ok' : 'down' });
    this.crawlSeconds.observe(seconds);
  }
}
