/**
 * Which repositories a crawl reads the tags of.
 *
 * A full crawl reads every listed repository. A scheduled crawl of a registry whose notifications
 * reach Portcullis trusts them for what changes inside known repositories, and reads only:
 * - repositories the catalog lists that Portcullis does not know (a notification lost or sent
 *   before the registry was wired);
 * - repositories not verified within `verifyMs` (overdue, e.g. after Portcullis was stopped);
 * - the least recently verified slice, sized so that every repository is read about once per
 *   `verifyMs` at one crawl per `intervalMs`: a lost notification is repaired within that time.
 * Repositories that are known but no longer listed are not read: the sweep removes them.
 */
export interface CrawlPlanInput {
  /** Names the catalog lists now. */
  readonly listed: readonly string[];
  /** Known repositories by name, with when their tags were last read (null: never). */
  readonly verifiedAt: ReadonlyMap<string, Date | null>;
  /** Whether the registry's notifications arrive (a recent one was received). */
  readonly notifying: boolean;
  readonly mode: 'full' | 'due';
  readonly now: Date;
  readonly intervalMs: number;
  readonly verifyMs: number;
}

export interface CrawlPlan {
  readonly light: boolean;
  /** Names to read, in the catalog's order. */
  readonly verify: string[];
}

export function planCrawl(input: CrawlPlanInput): CrawlPlan {
  const { listed, verifiedAt, now } = input;
  if (input.mode === 'full' || !input.notifying || input.intervalMs <= 0 || input.verifyMs <= input.intervalMs)
    return { light: false, verify: [...listed] };
  const chosen = new Set<string>();
  const known: { name: string; at: number }[] = [];
  const overdueBefore = now.getTime() - input.verifyMs;
  for (const name of listed) {
    if (!verifiedAt.has(name)) {
      chosen.add(name);
      continue;
    }
    const at = verifiedAt.get(name)?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (at <= overdueBefore) chosen.add(name);
    else known.push({ name, at });
  }
  const slice = Math.ceil(((known.length + chosen.size) * input.intervalMs) / input.verifyMs);
  known.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
  for (const { name } of known.slice(0, Math.max(0, slice))) chosen.add(name);
  return { light: true, verify: listed.filter((name) => chosen.has(name)) };
}
