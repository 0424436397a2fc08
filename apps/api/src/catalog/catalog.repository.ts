import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';
import type { TagDescription } from '../registry-client/manifest';

export interface KnownRepository {
  id: number;
  tags: Map<string, string>;
  /** When a crawl last read its tags (null: never). */
  verifiedAt: Date | null;
}

type Tx = Prisma.TransactionClient;

function tagData(digest: string, description: TagDescription, seenAt: Date) {
  return {
    digest,
    mediaType: description.mediaType.slice(0, 255),
    size: BigInt(Math.round(description.size)),
    created: description.created,
    platforms: description.platforms as unknown as Prisma.InputJsonValue,
    layers: description.layers as unknown as Prisma.InputJsonValue,
    history: description.history as unknown as Prisma.InputJsonValue,
    lastSeenAt: seenAt,
  };
}

/** The catalog of what registries hold: repositories, tags, pull counts, notification receipts. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The registry's repositories with their tags' digests: all of them, or those named. */
  async known(registryId: number, names?: readonly string[]): Promise<Map<string, KnownRepository>> {
    const rows = await this.prisma.repository.findMany({
      where: { registryId, ...(names === undefined ? {} : { name: { in: [...names] } }) },
      select: { id: true, name: true, verifiedAt: true, tags: { select: { name: true, digest: true } } },
    });
    return new Map(
      rows.map((r) => [
        r.name,
        { id: r.id, verifiedAt: r.verifiedAt, tags: new Map(r.tags.map((t) => [t.name, t.digest])) },
      ]),
    );
  }

  /** Whether the registry delivered a notification since `since` (its notifications reach Portcullis). */
  async notifiedSince(registryId: number, since: Date): Promise<boolean> {
    const receipt = await this.prisma.notificationReceipt.findFirst({
      where: { registryId, receivedAt: { gte: since } },
      select: { registryId: true },
    });
    return receipt !== null;
  }

  async upsertRepository(registryId: number, name: string, seenAt: Date, tx: Tx = this.prisma): Promise<number> {
    const row = await tx.repository.upsert({
      where: { registryId_name: { registryId, name } },
      create: { registryId, name, firstSeenAt: seenAt, lastSeenAt: seenAt },
      update: { lastSeenAt: seenAt },
      select: { id: true },
    });
    return row.id;
  }

  async saveTag(
    repositoryId: number,
    name: string,
    digest: string,
    description: TagDescription,
    seenAt: Date,
    tx: Tx = this.prisma,
  ): Promise<void> {
    const data = tagData(digest, description, seenAt);
    await tx.tag.upsert({
      where: { repositoryId_name: { repositoryId, name } },
      create: { repositoryId, name, ...data, firstSeenAt: seenAt },
      update: data,
    });
  }

  /**
   * Stamps repositories a crawl read as seen and verified at `at`, with their tags, in two
   * statements however many there are (one array parameter each).
   */
  async markVerified(repositoryIds: number[], at: Date): Promise<void> {
    if (repositoryIds.length === 0) return;
    await this.prisma.$transaction([
      this.prisma
        .$executeRaw`UPDATE repository SET last_seen_at = GREATEST(last_seen_at, ${at}), verified_at = ${at} WHERE id = ANY(${repositoryIds}::int[])`,
      this.prisma
        .$executeRaw`UPDATE tag SET last_seen_at = ${at} WHERE repository_id = ANY(${repositoryIds}::int[]) AND last_seen_at < ${at}`,
    ]);
  }

  /**
   * Removes tags a crawl no longer found, unless something (a notification) saw them since the
   * crawl read the list.
   */
  async deleteTagsNotSeenSince(repositoryId: number, names: string[], since: Date): Promise<number> {
    if (names.length === 0) return 0;
    const { count } = await this.prisma.tag.deleteMany({
      where: { repositoryId, name: { in: names }, lastSeenAt: { lt: since } },
    });
    return count;
  }

  /** Removes repositories the catalog no longer lists, unless a notification saw them since `since`. */
  async deleteRepositoriesNotSeenSince(repositoryIds: number[], since: Date): Promise<number> {
    if (repositoryIds.length === 0) return 0;
    return this.prisma
      .$executeRaw`DELETE FROM repository WHERE id = ANY(${repositoryIds}::int[]) AND last_seen_at < ${since}`;
  }

  /** Repositories by name after `after`, with their tags. */
  repositoriesPage(registryId: number, after: string | undefined, contains: string | undefined, take: number) {
    return this.prisma.repository.findMany({
      where: {
        registryId,
        ...(after === undefined ? {} : { name: { gt: after } }),
        ...(contains === undefined ? {} : { AND: [{ name: { contains } }] }),
      },
      orderBy: { name: 'asc' },
      take,
      include: { tags: { orderBy: { name: 'asc' } } },
    });
  }

  /** A repository by name, with its tags by name. */
  repositoryWithTags(registryId: number, name: string) {
    return this.prisma.repository.findUnique({
      where: { registryId_name: { registryId, name } },
      include: { tags: { orderBy: { name: 'asc' } } },
    });
  }

  async updateRepository(
    id: number,
    data: { description?: string; official?: boolean; automated?: boolean },
  ): Promise<void> {
    await this.prisma.repository.update({ where: { id }, data });
  }

  /** Stars or unstars; the repository's star count follows in the same transaction. */
  async setStar(userId: number, repositoryId: number, starred: boolean): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      if (starred) await tx.star.createMany({ data: [{ userId, repositoryId }], skipDuplicates: true });
      else await tx.star.deleteMany({ where: { userId, repositoryId } });
      const count = await tx.star.count({ where: { repositoryId } });
      await tx.repository.update({ where: { id: repositoryId }, data: { starCount: count } });
      return count;
    });
  }

  /** Forgets tags after their manifest was deleted from the registry. */
  async forgetTags(repositoryId: number, names: string[]): Promise<void> {
    await this.prisma.tag.deleteMany({ where: { repositoryId, name: { in: names } } });
  }

  async forgetRepository(repositoryId: number): Promise<void> {
    await this.prisma.repository.deleteMany({ where: { id: repositoryId } });
  }

  async counts(registryId: number): Promise<{ repositories: number; tags: number }> {
    const [repositories, tags] = await Promise.all([
      this.prisma.repository.count({ where: { registryId } }),
      this.prisma.tag.count({ where: { repository: { registryId } } }),
    ]);
    return { repositories, tags };
  }

  /**
   * Applies one notification event at most once: its id is recorded in the same transaction as
   * its effect, so a redelivery (the registry delivers at least once) changes nothing.
   */
  async applyOnce(registryId: number, eventId: string, apply: (tx: Tx) => Promise<void>): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const inserted = await tx.notificationReceipt.createMany({
        data: [{ registryId, eventId }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return false;
      await apply(tx);
      return true;
    });
  }

  async deleteTag(tx: Tx, registryId: number, repository: string, tag: string): Promise<void> {
    await tx.tag.deleteMany({ where: { name: tag, repository: { registryId, name: repository } } });
  }

  async deleteTagsByDigest(tx: Tx, registryId: number, repository: string, digest: string): Promise<void> {
    await tx.tag.deleteMany({ where: { digest, repository: { registryId, name: repository } } });
  }

  async deleteRepository(tx: Tx, registryId: number, repository: string): Promise<void> {
    await tx.repository.deleteMany({ where: { registryId, name: repository } });
  }

  async recordPull(tx: Tx, registryId: number, repository: string, at: Date): Promise<void> {
    await tx.repository.updateMany({
      where: { registryId, name: repository },
      data: { pullCount: { increment: 1 }, lastPulledAt: at },
    });
  }

  /** Counts a notified push or pull on its UTC day. */
  async countActivity(tx: Tx, registryId: number, at: Date, kind: 'pushes' | 'pulls'): Promise<void> {
    const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
    await tx.registryActivity.upsert({
      where: { registryId_day: { registryId, day } },
      create: { registryId, day, [kind]: 1 },
      update: { [kind]: { increment: 1 } },
    });
  }

  /** A registry's pushes and pulls per day since `since` (days without any are absent). */
  activity(registryId: number, since: Date): Promise<{ day: Date; pushes: number; pulls: number }[]> {
    return this.prisma.registryActivity.findMany({
      where: { registryId, day: { gte: since } },
      select: { day: true, pushes: true, pulls: true },
      orderBy: { day: 'asc' },
    });
  }

  /** Receipts older than `before` can go: registries stop redelivering long before. */
  async forgetReceipts(before: Date): Promise<number> {
    const { count } = await this.prisma.notificationReceipt.deleteMany({ where: { receivedAt: { lt: before } } });
    return count;
  }
}
