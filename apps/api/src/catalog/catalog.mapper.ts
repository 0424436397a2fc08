import type { Prisma } from '../database/generated/client';
import type { Platform } from '../registry-client/manifest';
import type { RepositoryDto, TagDto } from './catalog.dto';

type TagRow = Prisma.TagGetPayload<object>;
type RepositoryWithTags = Prisma.RepositoryGetPayload<{ include: { tags: true } }>;

export function tagDtoOf(t: TagRow): TagDto {
  return {
    name: t.name,
    digest: t.digest,
    mediaType: t.mediaType,
    size: Number(t.size),
    created: t.created?.toISOString() ?? null,
    platforms: t.platforms as unknown as Platform[],
  };
}

export function repositoryDtoOf(row: RepositoryWithTags): RepositoryDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    official: row.official,
    automated: row.automated,
    starCount: row.starCount,
    pullCount: row.pullCount,
    lastPulledAt: row.lastPulledAt?.toISOString() ?? null,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    tags: row.tags.map(tagDtoOf),
  };
}
