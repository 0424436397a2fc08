import { LRUCache } from 'lru-cache';
import { entriesUpTo } from './cache-size';

describe('entriesUpTo', () => {
  it('should keep at most that many entries, evicting the least recently used', () => {
    const evicted: number[] = [];
    const cache = new LRUCache<number, string>({ ...entriesUpTo(3), dispose: (_value, key) => evicted.push(key) });
    for (const key of [1, 2, 3]) cache.set(key, `v${key}`);
    cache.get(1);
    cache.set(4, 'v4');
    cache.set(5, 'v5');
    expect(cache.size).toBe(3);
    expect([...cache.keys()].sort()).toEqual([1, 4, 5]);
    expect(evicted).toEqual([2, 3]);
  });

  it('should not allocate for its bound up front', () => {
    const before = process.memoryUsage().arrayBuffers;
    const caches = Array.from({ length: 20 }, () => new LRUCache<string, number>(entriesUpTo(1_000_000)));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(caches.every((cache) => cache.size === 0)).toBe(true);
  });
});
