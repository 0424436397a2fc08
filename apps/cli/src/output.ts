import Table from 'cli-table3';

/** Exit codes: what a script can tell apart. */
export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3, notLoggedIn: 4 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** An API error body as one line: its message, code and correlation id. */
export function describeError(e: { message?: string; code?: string; correlationId?: string }, status?: number): string {
  return `${e.message ?? `HTTP ${status ?? '?'}`}${e.code ? ` [${e.code}]` : ''}${e.correlationId ? ` (correlation id ${e.correlationId})` : ''}`;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (Array.isArray(cell)) return cell.map(cellText).join(', ');
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean' || typeof cell === 'bigint') return cell.toString();
  return JSON.stringify(cell) ?? '';
}

/** Prints `value` as JSON (`--json`), or the chosen columns of each row as a table. */
export function print(json: boolean, value: unknown, columns?: string[]): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [value as Record<string, unknown>];
  const keys = columns ?? Object.keys(rows[0] ?? {});
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const table = new Table({ head: keys, style: { head: [], border: [] } });
  for (const row of rows) {
    table.push(keys.map((k) => cellText(row[k])));
  }
  process.stdout.write(`${table.toString()}\n`);
}
