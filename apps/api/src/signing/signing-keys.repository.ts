import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** Key of the transaction-level advisory lock under which a replica creates the first key ("keys"). */
const SIGNING_KEY_LOCK = 0x6b657973;

export interface StoredKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/** Generated signing keys, in the database so every replica signs with the same one. */
@Injectable()
export class SigningKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The key that signs (the newest unretired one of `algorithm`), created by `create()` when there
   * is none, by one replica only: the others wait for it and get the same key.
   */
  signing(algorithm: string, create: () => Promise<StoredKey>): Promise<StoredKey> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`;
        const existing = await tx.signingKey.findFirst({
          where: { algorithm, retiredAt: null },
          orderBy: { createdAt: 'desc' },
        });
        if (existing) return existing;
        return tx.signingKey.create({ data: await create() });
      },
      { timeout: 30_000 },
    );
  }

  /** Every key whose tokens may still be live: unretired, or retired but published until later. */
  published(now: Date): Promise<StoredKey[]> {
    return this.prisma.signingKey.findMany({
      where: { OR: [{ retiredAt: null }, { publishUntil: { gt: now } }] },
      orderBy: { createdAt: 'desc' },
    });
  }
}
