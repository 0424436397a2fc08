import type { Schemas } from '@portcullis/api-client';

export type AuditEvent = Schemas['AuditEventDto'];

const COLUMNS = [
  'at',
  'category',
  'action',
  'outcome',
  'actor',
  'actorKind',
  'registry',
  'target',
  'clause',
  'address',
  'count',
] as const;

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet: a quote keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Audit events as CSV: a header line, then one line per event, CRLF line ends. */
export function auditCsv(events: readonly AuditEvent[]): string {
  const lines = [COLUMNS.join(','), ...events.map((e) => COLUMNS.map((c) => field(e[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
