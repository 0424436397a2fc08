import { DeadlineExceeded, withDeadline } from '../common/deadline';
import { Prisma } from './generated/client';

/** What the deadline of a database read names (DeadlineExceeded.what). */
export const DATABASE = 'the database';

/** Seconds a client is told to wait when the database does not answer. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** The database did not answer (down, unreachable, or too slow): callers answer 503, not 500. */
export class DatabaseUnavailable extends Error {
  constructor(cause?: unknown) {
    super('the database is unavailable', { cause });
    this.name = 'DatabaseUnavailable';
  }
}

/** Prisma's codes for a database it cannot reach, that does not exist, or that timed out. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);
/** Kinds of driver adapter errors (Prisma 7) that mean the same. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** PostgreSQL's SQLSTATEs for a server going away or not taking connections. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
/** node-postgres's own messages for a connection that could not be made or was lost. */
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

function adapterKindOf(error: Prisma.PrismaClientKnownRequestError): unknown {
  const adapter = (error.meta as { driverAdapterError?: { cause?: { kind?: unknown } } } | undefined)
    ?.driverAdapterError;
  return adapter?.cause?.kind;
}

/**
 * Whether `error` means the database is unavailable rather than a bug. Only errors of the database
 * layer count: a registry's refused connection is not the database's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  if (error instanceof DeadlineExceeded) return error.what === DATABASE;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return PRISMA_CODES.has(error.code) || ADAPTER_KINDS.has(adapterKindOf(error) as string);
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && SERVER_CODES.has(code)) || PG_MESSAGES.test(error.message);
}

/** Longest a request waits for the database before answering 503. */
export const REQUEST_DATABASE_DEADLINE_MS = 750;

/**
 * Runs a database read for a request that must answer fast: at once a DatabaseUnavailable when the
 * database is known to be down, and one after a second without an answer.
 */
export async function promptly<T>(reachable: boolean, read: () => Promise<T>): Promise<T> {
  if (!reachable) throw new DatabaseUnavailable();
  try {
    return await withDeadline(read(), REQUEST_DATABASE_DEADLINE_MS, DATABASE);
  } catch (error) {
    throw isDatabaseUnavailable(error) ? new DatabaseUnavailable(error) : error;
  }
}
