/** The kinds of subject a change to what token decisions read can touch (the triggers' kinds). */
export const SUBJECT_KINDS = ['user', 'group', 'service', 'robot', 'app', 'registry', 'rule'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** What moved between the generation a replica knew and `generation`. */
export interface AccessChanges {
  readonly generation: bigint;
  /**
   * Anything may have changed: the first read, a change that concerns everyone (a TRUNCATE, the
   * two-factor requirement), or changes no longer in the log (a replica far behind).
   */
  readonly all: boolean;
  /** The ids touched, by kind of subject (empty when `all`). */
  readonly touched: ReadonlyMap<SubjectKind, ReadonlySet<number>>;
}

/** One generation's row of the change log. */
export interface AccessChangeRow {
  readonly generation: bigint;
  readonly kind: string;
  readonly ids: readonly number[];
}

export function everything(generation: bigint): AccessChanges {
  return { generation, all: true, touched: new Map() };
}

/**
 * The changes from just after `known` to `generation`, from the log's rows for that range: all of
 * them must be there (a generation missing from the log, pruned or unknown, means anything may
 * have changed).
 */
export function changesBetween(known: bigint, generation: bigint, rows: readonly AccessChangeRow[]): AccessChanges {
  if (BigInt(rows.length) !== generation - known) return everything(generation);
  const touched = new Map<SubjectKind, Set<number>>();
  for (const row of rows) {
    if (row.generation <= known || row.generation > generation) return everything(generation);
    const kind = SUBJECT_KINDS.find((k) => k === row.kind);
    if (kind === undefined) return everything(generation);
    let ids = touched.get(kind);
    if (ids === undefined) touched.set(kind, (ids = new Set()));
    for (const id of row.ids) ids.add(id);
  }
  return { generation, all: false, touched };
}
