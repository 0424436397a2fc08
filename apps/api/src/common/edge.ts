/**
 * What every request is checked for before any route sees it: where it goes (the path as the
 * router decodes it, so `/%61pi/…` is the API too) and strings no route takes: NUL characters,
 * which no name, secret or text of Portcullis holds and PostgreSQL refuses, and unpaired UTF-16
 * surrogates (`"\ud800"` in JSON), which are no text at all and break validators.
 */

/** The request path, percent-decoded as the router matches it (undecodable: as sent). */
export function decodedPath(url: string): string {
  const path = url.split('?', 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Whether the request goes to the REST API (`/api/…`), however its path is encoded. Asked of every
 * request (the token endpoint's too): a path without `%` is not decoded.
 */
export function isApiRequest(url: string): boolean {
  if (url.startsWith('/api/')) return true;
  const query = url.indexOf('?');
  const percent = url.indexOf('%');
  return percent !== -1 && (query === -1 || percent < query) && decodedPath(url).startsWith('/api/');
}

/**
 * Whether the request is for a route only machines call and no browser renders: the token endpoint
 * (`/token`, `/auth/token`, not its certificates) and docker search (`/v1/…`).
 */
export function isMachineRequest(url: string): boolean {
  return /^\/(?:auth\/)?token(?:\?|$)/.test(url) || url.startsWith('/v1/');
}

/** Whether the URL carries a NUL character, raw or percent-encoded. */
export function urlHasNul(url: string): boolean {
  return url.includes('\0') || /%00/i.test(url);
}

const MAX_DEPTH = 64;

function unacceptable(text: string): boolean {
  return text.includes('\0') || !text.isWellFormed();
}

/**
 * Whether any string of a parsed body (keys included) holds a NUL character or an unpaired
 * surrogate, or the body nests deeper than any request of Portcullis does.
 */
export function containsUnacceptableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unacceptable(value);
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((item) => containsUnacceptableText(item, depth + 1));
  return Object.entries(value).some(([key, item]) => unacceptable(key) || containsUnacceptableText(item, depth + 1));
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that may change something through the REST API (not the token or registry endpoints). */
export function isApiChange(request: { method: string; url: string }): boolean {
  return CHANGING.has(request.method) && isApiRequest(request.url);
}
