/**
 * A library loaded at its first use instead of at start-up: `load` (an `import()`) runs at the first
 * call, and every call gets that one promise. For libraries only some requests need (a registry
 * call, a certificate made, a sign-in with a provider), whose loading would otherwise count in
 * every replica's start-up.
 */
export function loadLater<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
