import { CliError, EXIT } from './output';

/** A comma-separated option: its non-empty items, trimmed. */
export const csv = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** A numeric id argument, or a usage error. */
export const id = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new CliError(`"${value}" is not an id`, EXIT.usage);
  return Number(value);
};
