import { INDEX_MEDIA_TYPES } from './registry-client';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
}

export interface Layer {
  digest: string;
  size: number;
  mediaType: string;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** What the catalog keeps of a tag's manifest (and, for an image, its config). */
export interface TagDescription {
  mediaType: string;
  size: number;
  created: Date | null;
  platforms: Platform[];
  layers: Layer[];
  history: HistoryEntry[];
  /** The config blob to read for `created` and `history` (images only). */
  configDigest?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

export function isIndex(mediaType: string, body: Record<string, unknown>): boolean {
  return INDEX_MEDIA_TYPES.includes(mediaType) || (Array.isArray(body.manifests) && !Array.isArray(body.layers));
}

/**
 * Describes a manifest of any of the four types; fields of unexpected types are ignored rather than
 * trusted, so a strange manifest gives a thinner description, never an error.
 */
export function describeManifest(
  mediaType: string,
  manifestSize: number,
  body: Record<string, unknown>,
): TagDescription {
  const type = mediaType || str(body.mediaType) || 'application/octet-stream';
  if (isIndex(type, body)) {
    const manifests = list(body.manifests);
    return {
      mediaType: type,
      size: manifestSize + manifests.reduce((sum, m) => sum + num(m.size), 0),
      created: null,
      platforms: manifests.map((m) => {
        const platform = (typeof m.platform === 'object' && m.platform !== null ? m.platform : {}) as Record<
          string,
          unknown
        >;
        const variant = str(platform.variant);
        return {
          os: str(platform.os) ?? 'unknown',
          architecture: str(platform.architecture) ?? 'unknown',
          ...(variant ? { variant } : {}),
          digest: str(m.digest) ?? '',
        };
      }),
      layers: [],
      history: [],
    };
  }
  const layers = list(body.layers).map((l) => ({
    digest: str(l.digest) ?? '',
    size: num(l.size),
    mediaType: str(l.mediaType) ?? '',
  }));
  const config = (typeof body.config === 'object' && body.config !== null ? body.config : {}) as Record<
    string,
    unknown
  >;
  const configDigest = str(config.digest);
  return {
    mediaType: type,
    size: manifestSize + num(config.size) + layers.reduce((sum, l) => sum + l.size, 0),
    created: null,
    platforms: [],
    layers,
    history: [],
    ...(configDigest ? { configDigest } : {}),
  };
}

/** Adds what an image config says: creation time, platform and history. */
export function withConfig(description: TagDescription, config: Record<string, unknown>): TagDescription {
  const created = str(config.created);
  const date = created ? new Date(created) : null;
  const os = str(config.os);
  const architecture = str(config.architecture);
  return {
    ...description,
    created: date && !Number.isNaN(date.getTime()) ? date : null,
    platforms:
      os && architecture
        ? [{ os, architecture, ...(str(config.variant) ? { variant: str(config.variant)! } : {}), digest: '' }]
        : [],
    history: list(config.history).map((h) => ({
      ...(str(h.created) ? { created: str(h.created)! } : {}),
      ...(str(h.created_by) ? { created_by: str(h.created_by)!.slice(0, 2000) } : {}),
      ...(str(h.comment) ? { comment: str(h.comment)!.slice(0, 500) } : {}),
      ...(h.empty_layer === true ? { empty_layer: true } : {}),
    })),
  };
}
