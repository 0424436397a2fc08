import { Injectable, Logger } from '@nestjs/common';
import { isRepositoryName, isTagName } from '@portcullis/domain';
import { CatalogRepository } from '../catalog/catalog.repository';
import { RegistryEventsError } from '../errors/registry-events-error';
import { NotificationSecrets } from '../registries/notification-secrets';
import { DISCOVERY_SUBJECT, RegistryAccess, type RegistryEndpoint } from '../registry-client/registry-access';
import { MANIFEST_MEDIA_TYPES } from '../registry-client/registry-client';
import { DiscoveryService } from './discovery.service';

/** One event of a notification envelope, as far as Portcullis reads it (distribution `notifications/event.go`). */
interface RegistryEvent {
  id: string;
  action: string;
  timestamp?: string;
  target: { repository: string; tag?: string; digest?: string; mediaType?: string; size?: number; length?: number };
  request?: { method?: string };
  actor?: { name?: string };
}

export interface NotificationOutcome {
  received: number;
  applied: number;
  duplicates: number;
  ignored: number;
}

const MANIFEST_TYPES: readonly string[] = MANIFEST_MEDIA_TYPES;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Keeps the fields Portcullis uses, and only events it can act on safely. */
function eventOf(raw: unknown): RegistryEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Record<string, unknown>;
  const target = (typeof e.target === 'object' && e.target !== null ? e.target : {}) as Record<string, unknown>;
  const id = str(e.id);
  const action = str(e.action);
  const repository = str(target.repository);
  if (!id || id.length > 100 || !action || !repository || !isRepositoryName(repository)) return undefined;
  const request = (typeof e.request === 'object' && e.request !== null ? e.request : {}) as Record<string, unknown>;
  const actor = (typeof e.actor === 'object' && e.actor !== null ? e.actor : {}) as Record<string, unknown>;
  const tag = str(target.tag);
  const digest = str(target.digest);
  const mediaType = str(target.mediaType);
  return {
    id,
    action,
    target: {
      repository,
      ...(tag && isTagName(tag) ? { tag } : {}),
      ...(digest && /^[a-z0-9]+:[a-f0-9]{32,128}$/.test(digest) ? { digest } : {}),
      ...(mediaType ? { mediaType } : {}),
      ...(typeof target.size === 'number' ? { size: target.size } : {}),
      ...(typeof target.length === 'number' ? { length: target.length } : {}),
    },
    ...(str(request.method) ? { request: { method: str(request.method)! } } : {}),
    ...(str(actor.name) ? { actor: { name: str(actor.name)! } } : {}),
  };
}

/** The envelope of a request body: JSON, parsed here when it came with another content type. */
function envelopeOf(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryEventsError(400, 'INVALID_REQUEST', 'the body is not a JSON notification envelope');
  }
}

/**
 * Applies a registry's notifications (distribution docs "Notifications"): pushes and deletes at
 * once, manifest pulls as pull counts. Each event is applied at most once, by its id; events that
 * are malformed or of no use are acknowledged and skipped, so the registry's queue never backs up.
 * Details a push event lacks (layers, history) are read from the registry right after answering.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly discovery: DiscoveryService,
    private readonly access: RegistryAccess,
    private readonly secrets: NotificationSecrets,
  ) {}

  /** A notification request: the registry its bearer secret stands for (401 otherwise), then its events. */
  async receiveFrom(authorization: string | undefined, body: unknown): Promise<NotificationOutcome> {
    const registry = await this.secrets.registryOf(authorization);
    if (!registry) {
      throw new RegistryEventsError(401, 'UNAUTHORIZED', 'not a notification secret of a declared registry');
    }
    return this.receive(registry, envelopeOf(body));
  }

  async receive(registry: RegistryEndpoint & { id: number }, envelope: unknown): Promise<NotificationOutcome> {
    const events =
      (typeof envelope === 'object' && envelope !== null ? (envelope as { events?: unknown }).events : undefined) ?? [];
    const list = Array.isArray(events) ? events : [];
    const outcome: NotificationOutcome = { received: list.length, applied: 0, duplicates: 0, ignored: 0 };
    const toLearn: { repository: string; tag: string; digest: string }[] = [];
    for (const raw of list) {
      const event = eventOf(raw);
      if (!event || !this.isUseful(event)) {
        outcome.ignored++;
        continue;
      }
      const applied = await this.catalog.applyOnce(registry.id, event.id, (tx) => this.apply(tx, registry.id, event));
      if (applied) {
        outcome.applied++;
        if (event.action === 'push' && event.target.tag && event.target.digest) {
          toLearn.push({ repository: event.target.repository, tag: event.target.tag, digest: event.target.digest });
        }
      } else {
        outcome.duplicates++;
      }
    }
    // Reading the details needs Portcullis's own token: only at an address an admin approved.
    if (toLearn.length > 0 && registry.endpointApprovedAt !== null)
      setImmediate(() => void this.learn(registry, toLearn));
    return outcome;
  }

  private isUseful(event: RegistryEvent): boolean {
    const manifest = event.target.mediaType !== undefined && MANIFEST_TYPES.includes(event.target.mediaType);
    switch (event.action) {
      case 'push':
        return manifest;
      case 'delete':
        return true;
      case 'pull':
        // A pull is counted once, on its GET (docker HEADs first); Portcullis's own reads are not pulls.
        return manifest && event.request?.method === 'GET' && event.actor?.name !== DISCOVERY_SUBJECT;
      default:
        return false;
    }
  }

  private async apply(
    tx: Parameters<Parameters<CatalogRepository['applyOnce']>[2]>[0],
    registryId: number,
    event: RegistryEvent,
  ): Promise<void> {
    const { repository, tag, digest } = event.target;
    const now = new Date();
    switch (event.action) {
      case 'push': {
        const repositoryId = await this.catalog.upsertRepository(registryId, repository, now, tx);
        if (tag && digest) {
          const size = event.target.size ?? event.target.length ?? 0;
          await this.catalog.saveTag(
            repositoryId,
            tag,
            digest,
            { mediaType: event.target.mediaType ?? '', size, created: null, platforms: [], layers: [], history: [] },
            now,
            tx,
          );
          // An image push: a tagged manifest (an index's children arrive by digest alone).
          await this.catalog.countActivity(tx, registryId, now, 'pushes');
        }
        return;
      }
      case 'delete':
        // A manifest delete sends {digest}, then {tag} for each tag that pointed at it; a
        // repository removal sends {repository} alone.
        if (tag) await this.catalog.deleteTag(tx, registryId, repository, tag);
        else if (digest) await this.catalog.deleteTagsByDigest(tx, registryId, repository, digest);
        else await this.catalog.deleteRepository(tx, registryId, repository);
        return;
      case 'pull':
        await this.catalog.recordPull(tx, registryId, repository, now);
        await this.catalog.countActivity(tx, registryId, now, 'pulls');
        return;
    }
  }

  /** Completes pushed tags from the registry (layers, config, history); discovery repairs any miss. */
  private async learn(
    registry: RegistryEndpoint & { id: number },
    tags: { repository: string; tag: string; digest: string }[],
  ): Promise<void> {
    const client = this.access.clientFor(registry);
    try {
      const known = await this.catalog.known(registry.id, [...new Set(tags.map((t) => t.repository))]);
      for (const { repository, tag, digest } of tags) {
        const entry = known.get(repository);
        if (!entry || entry.tags.get(tag) !== digest) continue;
        await this.discovery.learnTag(client, entry.id, repository, tag, digest);
      }
    } catch (error) {
      this.logger.warn(
        `Could not read the details of pushed tags from ${registry.service}: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await client.close();
    }
  }
}
