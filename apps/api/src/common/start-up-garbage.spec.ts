import { runInNewContext } from 'node:vm';
import { START_UP_GARBAGE_DELAY_MS, collectStartUpGarbage, collectStartUpGarbageSoon } from './start-up-garbage';

describe('collectStartUpGarbage', () => {
  it('frees what is no longer referenced, at once', () => {
    let junk: string[] | undefined = Array.from({ length: 200_000 }, (_, i) => `garbage ${i} `.repeat(8));
    const before = process.memoryUsage().heapUsed;
    expect(junk).toHaveLength(200_000);
    junk = undefined;
    collectStartUpGarbage();
    // 200,000 strings of about 100 characters: 20 MB and more, gone without any allocation that
    // would have made V8 collect on its own.
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(20 * 2 ** 20);
    expect(junk).toBeUndefined();
  });

  it('leaves no gc function for other contexts', () => {
    collectStartUpGarbage();
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });

  it('collects a moment after it is asked to, not at once', () => {
    jest.useFakeTimers();
    try {
      let junk: string[] | undefined = Array.from({ length: 200_000 }, (_, i) => `later ${i} `.repeat(8));
      const before = process.memoryUsage().heapUsed;
      expect(junk).toHaveLength(200_000);
      junk = undefined;
      collectStartUpGarbageSoon();
      jest.advanceTimersByTime(START_UP_GARBAGE_DELAY_MS - 1);
      expect(before - process.memoryUsage().heapUsed).toBeLessThan(20 * 2 ** 20);
      jest.advanceTimersByTime(1);
      expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(20 * 2 ** 20);
      expect(junk).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
