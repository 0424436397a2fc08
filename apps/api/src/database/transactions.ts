import { Injectable } from '@nestjs/common';
import type { Prisma } from './generated/client';
import { PrismaService } from './prisma.service';

/** What a repository's transaction-aware method takes: the transaction to write in. */
export type Tx = Prisma.TransactionClient;

/**
 * One transaction across features' repositories, for a change that writes several features'
 * tables at once (configuration as code): the caller passes `tx` to each repository's
 * transaction-aware methods, and a failure anywhere rolls everything back.
 */
@Injectable()
export class Transactions {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return this.prisma.$transaction(work, { timeout: options.timeoutMs ?? 5_000 });
  }
}
