/**
 * A read whose answer reflects everything that happened before it was asked for, shared by
 * concurrent callers: the first caller starts a read; a caller arriving while one runs waits for
 * the next one (the running read may have started before what this caller wants seen), which every
 * caller arriving meanwhile shares. So at most one read runs, and at most one more waits.
 */
export function freshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const next = (): Promise<T> => {
    if (running === undefined) {
      running = read().finally(() => (running = undefined));
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return next();
      });
    return queued;
  };
  return next;
}
