import { isRepositoryName } from './scope';

/** An image reference as a client writes it: `registry.example.com:5000/apps/shop/web:1.2@sha256:…`. */
export interface ImageReference {
  /** The registry host (and port), or null for a reference without one (Docker Hub's). */
  readonly host: string | null;
  readonly repository: string;
}

/**
 * Splits a reference the way docker's reference grammar does: the first component names a registry
 * when it has a `.` or a `:`, or is `localhost`; a tag follows the last `:` after the last `/`, a
 * digest an `@`. Null when the repository part is not a repository name.
 */
export function parseImageReference(reference: string): ImageReference | null {
  const withoutDigest = reference.split('@')[0]!;
  const slash = withoutDigest.indexOf('/');
  const first = slash === -1 ? '' : withoutDigest.slice(0, slash);
  const isHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = isHost ? withoutDigest.slice(slash + 1) : withoutDigest;
  const colon = path.lastIndexOf(':');
  const repository = colon > path.lastIndexOf('/') ? path.slice(0, colon) : path;
  if (!isRepositoryName(repository)) return null;
  return { host: isHost ? first.toLowerCase() : null, repository };
}
