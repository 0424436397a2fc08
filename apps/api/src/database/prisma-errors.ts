import { Prisma } from './generated/client';

/** A write refused by a unique index (a name already taken): repositories answer it as null or 'taken'. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
