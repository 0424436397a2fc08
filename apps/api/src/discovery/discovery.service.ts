import { Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { isRepositoryName, isTagName, planCrawl } from '@portcullis/domain';
import { CatalogRepository, type KnownRepository } from '../catalog/catalog.repository';
import { AppConfig } from '../config/app-config';
import { AdvisoryLocks } from '../database/advisory-lock';
import type { Progress } from '../jobs/operation';
import { Metrics } from '../observability/metrics';
import { NotificationSecrets } from '../registries/notification-secrets';
import { RegistriesRepository } from '../registries/registries.repository';
import { describeManifest, isIndex, withConfig } from '../registry-client/manifest';
import { RegistryAccess, type RegistryEndpoint } from '../registry-client/registry-access';
import { RegistryClient, RegistryError } from '../registry-client/registry-client';

/** Key of the advisory lock held while crawling ("crwl"). */
export const CRAWL_LOCK_KEY = 0x6372776c;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const NO_PROGRESS: Progress = () => undefined;

/** A registry counts as notifying while one of its notifications arrived within this time. */
const NOTIFYING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** full: every repository's tags are read; due: what the schedule reads (see planCrawl). */
export type CrawlMode = 'full' | 'due';

export interface CrawlResult {
  registry: string;
  ok: boolean;
  mode: CrawlMode;
  /** Whether the registry's notifications were trusted, so that only some repositories were read. */
  light: boolean;
  repositories: number;
  tags: number;
  /** Repositories whose tags were read. */
  verified: number;
  /** Manifests read because their digest was new or changed. */
  fetched: number;
  durationMs: number;
  error?: string;
}

/**
 * Learns what registries hold by crawling their API: the catalog, each repository's tags, and for
 * each tag its manifest and config, read only when the tag's digest is new (a HEAD tells). A
 * scheduled crawl of a registry whose notifications arrive reads only new repositories and a
 * rolling slice of the others (planCrawl); an on-demand crawl reads everything. One replica
 * crawls at a time (an advisory lock); a registry that fails keeps its last known catalog, is
 * marked down and retried with an exponential backoff.
 */
@Injectable()
export class DiscoveryService {
  private readonly logger = new Logger('Discovery');

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly registries: RegistriesRepository,
    private readonly access: RegistryAccess,
    private readonly secrets: NotificationSecrets,
    private readonly locks: AdvisoryLocks,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Crawls every registry that is due. Returns undefined when another replica is crawling. */
  async crawlDue(): Promise<CrawlResult[] | undefined> {
    const outcome = await this.locks.run(CRAWL_LOCK_KEY, async () => {
      const results: CrawlResult[] = [];
      for (const registry of await this.registries.dueRegistries(new Date()))
        results.push(await this.crawlOne(registry, 'due'));
      return results;
    });
    return outcome.ran ? outcome.result : undefined;
  }

  /**
   * Crawls one registry now (on demand), after any crawl already running here or on another
   * replica. Undefined when that one has not finished within `waitMs`.
   */
  async crawl(
    registryId: number,
    waitMs = 60_000,
    progress: Progress = NO_PROGRESS,
    mode: CrawlMode = 'full',
  ): Promise<CrawlResult | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const outcome = await this.locks.run(CRAWL_LOCK_KEY, async () => {
        const registry = await this.registries.endpoint(registryId);
        return registry ? this.crawlOne(registry, mode, progress) : undefined;
      });
      if (outcome.ran) return outcome.result;
      if (Date.now() > deadline) return undefined;
      progress('waiting for the crawl already running');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async crawlOne(
    registry: RegistryEndpoint & { id: number; discoveryFailures: number; notificationKeyVersion: number },
    mode: CrawlMode,
    progress: Progress = NO_PROGRESS,
  ): Promise<CrawlResult> {
    const started = Date.now();
    const crawlStart = new Date(started);
    let client: RegistryClient | undefined;
    let fetched = 0;
    let light = false;
    let verified = 0;
    try {
      const crawler = (client = this.access.clientFor(registry, await this.secrets.discoveryKeyFor(registry)));
      const known = await this.catalog.known(registry.id);
      // The whole catalog first (names only, a page at a time), so that progress has a total.
      const names: string[] = [];
      progress('listing repositories', 0);
      for await (const page of crawler.catalog()) {
        names.push(...page.filter(isRepositoryName));
        progress('listing repositories', names.length);
      }
      const plan = planCrawl({
        listed: names,
        verifiedAt: new Map([...known].map(([name, repository]) => [name, repository.verifiedAt])),
        notifying:
          mode === 'due' && (await this.catalog.notifiedSince(registry.id, new Date(started - NOTIFYING_WINDOW_MS))),
        mode,
        now: crawlStart,
        intervalMs: this.config.discovery.intervalMs,
        verifyMs: this.config.discovery.verifyMs,
      });
      light = plan.light;
      const limit = pLimit(this.config.discovery.concurrency);
      const read: number[] = [];
      let crawled = 0;
      progress('crawling repositories', 0, plan.verify.length);
      await Promise.all(
        plan.verify.map((name) =>
          limit(async () => {
            const outcome = await this.crawlRepository(crawler, registry.id, name, known.get(name));
            fetched += outcome.fetched;
            if (outcome.id !== undefined) read.push(outcome.id);
            progress('crawling repositories', ++crawled, plan.verify.length);
          }),
        ),
      );
      verified = plan.verify.length;
      await this.catalog.markVerified(read, crawlStart);
      // Known but no longer listed: gone from the registry (unless a notification saw it meanwhile).
      const listed = new Set(names);
      await this.catalog.deleteRepositoriesNotSeenSince(
        [...known].filter(([name]) => !listed.has(name)).map(([, repository]) => repository.id),
        crawlStart,
      );
      const counts = await this.catalog.counts(registry.id);
      const durationMs = Date.now() - started;
      await this.registries.setStatus(registry.id, {
        discoveryState: 'ok',
        lastDiscoveryAt: new Date(),
        lastDiscoveryMs: durationMs,
        lastDiscoveryError: null,
        discoveryFailures: 0,
        nextDiscoveryAt: new Date(Date.now() + this.config.discovery.intervalMs),
      });
      this.metrics.discoveryRun(true, durationMs / 1000);
      return { registry: registry.service, ok: true, mode, light, ...counts, verified, fetched, durationMs };
    } catch (error) {
      // What people read is the registry's status and a short reason; anything else stays in the log.
      const message = error instanceof RegistryError ? error.message : 'unexpected error (see the server log)';
      const failures = registry.discoveryFailures + 1;
      const backoff = Math.min(this.config.discovery.intervalMs * 2 ** Math.min(failures - 1, 10), MAX_BACKOFF_MS);
      this.logger.warn(
        `Discovery of ${registry.service} failed (${failures} in a row; next try in ${Math.round(backoff / 1000)} s): ${
          error instanceof RegistryError
            ? message
            : error instanceof Error
              ? (error.stack ?? error.message)
              : String(error)
        }`,
      );
      const durationMs = Date.now() - started;
      await this.registries.setStatus(registry.id, {
        discoveryState: 'down',
        lastDiscoveryAt: new Date(),
        lastDiscoveryMs: durationMs,
        lastDiscoveryError: message.slice(0, 2000),
        discoveryFailures: failures,
        nextDiscoveryAt: new Date(Date.now() + backoff),
      });
      this.metrics.discoveryRun(false, durationMs / 1000);
      const counts = await this.catalog.counts(registry.id);
      return {
        registry: registry.service,
        ok: false,
        mode,
        light,
        ...counts,
        verified,
        fetched,
        durationMs,
        error: message,
      };
    } finally {
      await client?.close();
    }
  }

  /**
   * Brings one repository's tags in line. Returns how many manifests were read, and the
   * repository's id: the caller stamps every repository read as verified in one statement.
   */
  private async crawlRepository(
    client: RegistryClient,
    registryId: number,
    name: string,
    known: KnownRepository | undefined,
  ): Promise<{ fetched: number; id?: number }> {
    const now = new Date();
    let tags: string[];
    try {
      tags = (await client.tags(name)).filter(isTagName);
    } catch (error) {
      // A repository listed by the catalog but gone meanwhile: nothing to learn.
      if (error instanceof RegistryError && error.kind === 'not_found') return { fetched: 0 };
      throw error;
    }
    const changed: { tag: string; digest: string }[] = [];
    for (const tag of tags) {
      const head = await client.headManifest(name, tag);
      if (known?.tags.get(tag) !== head.digest) changed.push({ tag, digest: head.digest });
    }
    const listed = new Set(tags);
    const gone = known ? [...known.tags.keys()].filter((tag) => !listed.has(tag)) : [];
    if (known && changed.length === 0 && gone.length === 0) return { fetched: 0, id: known.id };
    // Creates it, or stamps it as seen and verified (also when a notification removed it meanwhile).
    const repositoryId = await this.catalog.upsertRepository(registryId, name, now);
    for (const { tag, digest } of changed) await this.learnTag(client, repositoryId, name, tag, digest, now);
    await this.catalog.deleteTagsNotSeenSince(repositoryId, gone, now);
    return { fetched: changed.length, id: repositoryId };
  }

  /** Reads a tag's manifest (and an image's config) and stores what it says. */
  async learnTag(
    client: RegistryClient,
    repositoryId: number,
    repository: string,
    tag: string,
    digest: string,
    now = new Date(),
  ): Promise<void> {
    const manifest = await client.manifest(repository, digest);
    let description = describeManifest(manifest.mediaType, manifest.size, manifest.body);
    if (!isIndex(manifest.mediaType, manifest.body) && description.configDigest) {
      try {
        description = withConfig(description, await client.jsonBlob(repository, description.configDigest));
      } catch (error) {
        if (!(error instanceof RegistryError)) throw error;
        this.logger.warn(`${repository}:${tag}: config unreadable: ${error.message}`);
      }
    }
    await this.catalog.saveTag(repositoryId, tag, manifest.digest, description, now);
  }
}
