import fc from 'fast-check';
import { type CrawlPlanInput, planCrawl } from './crawl-plan';

const MINUTE = 60_000;
const now = new Date('2026-11-24T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

function input(overrides: Partial<CrawlPlanInput>): CrawlPlanInput {
  return {
    listed: [],
    verifiedAt: new Map(),
    notifying: true,
    mode: 'due',
    now,
    intervalMs: 2 * MINUTE,
    verifyMs: 60 * MINUTE,
    ...overrides,
  };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `r-${String(i).padStart(4, '0')}`);

describe('planCrawl', () => {
  const listed = names(60);
  const fresh = new Map(listed.map((name, i) => [name, ago(i * 1000)] as const));

  it('reads every repository on a full crawl, notifications or not', () => {
    expect(planCrawl(input({ listed, verifiedAt: fresh, mode: 'full' }))).toEqual({ light: false, verify: listed });
  });

  it('reads every repository of a registry whose notifications do not arrive', () => {
    expect(planCrawl(input({ listed, verifiedAt: fresh, notifying: false }))).toEqual({
      light: false,
      verify: listed,
    });
  });

  it('reads everything when re-verification would not be slower than the schedule', () => {
    expect(planCrawl(input({ listed, verifiedAt: fresh, verifyMs: 2 * MINUTE })).light).toBe(false);
    expect(planCrawl(input({ listed, verifiedAt: fresh, intervalMs: 0 })).light).toBe(false);
  });

  it('reads, of a notifying registry, the least recently verified slice: one in thirty at 2 min / 1 h', () => {
    const plan = planCrawl(input({ listed, verifiedAt: fresh }));
    expect(plan.light).toBe(true);
    // 60 repositories × 2 min / 60 min = 2, the two verified longest ago (the last names here).
    expect(plan.verify).toEqual(['r-0058', 'r-0059']);
  });

  it('reads repositories it does not know, and those never or too long ago verified', () => {
    const verifiedAt = new Map<string, Date | null>(fresh);
    verifiedAt.delete('r-0010');
    verifiedAt.set('r-0020', null);
    verifiedAt.set('r-0030', ago(61 * MINUTE));
    const plan = planCrawl(input({ listed, verifiedAt }));
    expect(plan.verify).toEqual(expect.arrayContaining(['r-0010', 'r-0020', 'r-0030']));
    expect(plan.verify).toHaveLength(3 + 2);
  });

  it('does not read known repositories the catalog no longer lists', () => {
    const verifiedAt = new Map([...fresh, ['gone', ago(2 * 60 * MINUTE)] as const]);
    expect(planCrawl(input({ listed, verifiedAt })).verify).not.toContain('gone');
  });

  it('verifies every repository within the re-verification time over a run of quiet crawls', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 2, max: 40 }),
        (count, intervalMinutes, ratio) => {
          const intervalMs = intervalMinutes * MINUTE;
          const verifyMs = intervalMs * ratio;
          const all = names(count);
          // A first, full crawl verified everything at t = 0.
          const verifiedAt = new Map(all.map((name) => [name, new Date(0)] as const));
          const longest = new Map(all.map((name) => [name, 0]));
          for (let crawl = 1; crawl <= ratio * 3; crawl++) {
            const at = new Date(crawl * intervalMs);
            const plan = planCrawl({
              listed: all,
              verifiedAt,
              notifying: true,
              mode: 'due',
              now: at,
              intervalMs,
              verifyMs,
            });
            // Never the whole catalog again: at most the slice plus as many overdue ones.
            expect(plan.verify.length).toBeLessThanOrEqual(2 * Math.ceil(count / ratio));
            for (const name of plan.verify) verifiedAt.set(name, at);
            for (const name of all)
              longest.set(name, Math.max(longest.get(name)!, at.getTime() - verifiedAt.get(name)!.getTime()));
          }
          for (const gap of longest.values()) expect(gap).toBeLessThanOrEqual(verifyMs);
        },
      ),
    );
  });

  it('reads about one crawl interval in the re-verification time of a large quiet catalog', () => {
    const all = names(2000);
    const verifiedAt = new Map(all.map((name, i) => [name, ago((i % 30) * 2 * MINUTE + 1000)] as const));
    const plan = planCrawl(input({ listed: all, verifiedAt }));
    expect(plan.verify.length).toBe(Math.ceil(2000 / 30));
  });
});
