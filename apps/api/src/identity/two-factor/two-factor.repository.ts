import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

/** A user's two-factor state as sign-in needs it. */
export interface TwoFactorState {
  readonly id: number;
  readonly name: string;
  readonly source: 'local' | 'ldap' | 'oidc';
  readonly totpSecret: string | null;
  readonly totpEnabledAt: Date | null;
}

/** TOTP secrets, the last step that signed in, and recovery codes. */
@Injectable()
export class TwoFactorRepository {
  constructor(private readonly prisma: PrismaService) {}

  state(userId: number): Promise<TwoFactorState | null> {
    return this.prisma.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, source: true, totpSecret: true, totpEnabledAt: true },
    });
  }

  /** Keeps a new secret until its first code confirms it; false when two-factor sign-in is already on. */
  async setPending(userId: number, secret: string): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id: userId, totpEnabledAt: null },
      data: { totpSecret: secret, totpLastStep: null },
    });
    return count === 1;
  }

  /**
   * Turns two-factor sign-in on with the pending secret its code just confirmed (at `step`), and
   * replaces the recovery codes; false when the secret changed meanwhile or it is already on.
   */
  enable(userId: number, secret: string, step: bigint, codeHashes: readonly string[]): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: userId, totpSecret: secret, totpEnabledAt: null },
        data: { totpEnabledAt: new Date(), totpLastStep: step },
      });
      if (count === 0) return false;
      await tx.recoveryCode.deleteMany({ where: { userId } });
      await tx.recoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) });
      return true;
    });
  }

  /** Takes a time step for a sign-in; false when it (or a later one) already signed in: no code counts twice. */
  async acceptStep(userId: number, step: bigint): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1;
  }

  /** Uses up a recovery code; false when it is not one of the user's unused codes. */
  async useRecoveryCode(userId: number, codeHash: string): Promise<boolean> {
    const { count } = await this.prisma.recoveryCode.updateMany({
      where: { userId, codeHash, usedAt: null },
      data: { usedAt: new Date() },
    });
    return count === 1;
  }

  unusedRecoveryCodes(userId: number): Promise<number> {
    return this.prisma.recoveryCode.count({ where: { userId, usedAt: null } });
  }

  /** Turns two-factor sign-in off; false when the user does not exist. */
  async disable(userId: number): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: userId },
        data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      });
      await tx.recoveryCode.deleteMany({ where: { userId } });
      return count === 1;
    });
  }
}
