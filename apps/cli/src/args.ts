import type { Command } from 'commander';
import { CliError, EXIT } from './output';

/** A comma-separated option: its non-empty items, trimmed. */
export const csv = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const wholeNumber =
  (what: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value)) throw new CliError(`"${value}" is not ${what}`, EXIT.usage);
    return Number(value);
  };

/** A numeric id argument, or a usage error. */
export const id = wholeNumber('an id');
/** A count option (`--limit`), or a usage error. */
export const count = wholeNumber('a number');

/** `--limit` and `--cursor`, for every `ls` of a paged list. */
export function withPaging(command: Command): Command {
  return command
    .option('--limit <n>', 'at most this many (1 to 100)', '50')
    .option('--cursor <cursor>', 'the next page, as the previous page printed it');
}

/** The API query of `withPaging`'s options. */
export function pageQuery(o: { limit: string; cursor?: string }): { limit: number; cursor?: string } {
  return { limit: count(o.limit), ...(o.cursor ? { cursor: o.cursor } : {}) };
}
