/** Reports how far a long operation has come: its phase and, when countable, done of total. */
export type Progress = (phase: string, done?: number, total?: number) => void;

export interface OperationContext {
  progress: Progress;
  /** Whether it runs as a job (nobody holds an HTTP request open, so it may wait longer). */
  background: boolean;
}

/** A long operation, checked and ready to run: in the request, or as a job. */
export type Operation<T> = (context: OperationContext) => Promise<T>;

/** The context of an operation run within its request: nobody watches its progress. */
export const IN_REQUEST: OperationContext = { progress: () => undefined, background: false };
