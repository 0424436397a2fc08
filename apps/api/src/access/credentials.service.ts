import { Injectable } from '@nestjs/common';
import { UserIdentity } from '@portcullis/domain';
import { PasswordHasher } from './password-hasher';
import { UserRow, UsersRepository } from './users/users.repository';

export function identityOf(row: UserRow): UserIdentity {
  return { kind: 'user', id: row.id, name: row.name, isAdmin: row.isAdmin };
}

/**
 * Checks login credentials. Unknown names, disabled accounts and wrong passwords all cost one
 * argon2id verification and give the same answer, so the response says nothing about which it was.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async authenticate(loginName: string, password: string): Promise<UserIdentity | null> {
    const row = await this.users.findByName(loginName);
    if (!row || row.disabled) {
      await this.hasher.verifyNothing(password);
      return null;
    }
    return (await this.hasher.verify(row.passwordHash, password)) ? identityOf(row) : null;
  }

  /** The identity of an active user, for credentials checked elsewhere (refresh and API tokens). */
  async activeUser(id: number): Promise<UserIdentity | null> {
    const row = await this.users.findById(id);
    return row && !row.disabled ? identityOf(row) : null;
  }
}
