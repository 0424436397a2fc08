import * as ioredis from 'ioredis';
import { AuditRepository } from '../../audit/audit.repository';
import { AuditService } from '../../audit/audit.service';
import { AccessGeneration } from '../../cluster/access-generation';
import { AccessStateRepository } from '../../cluster/access-state.repository';
import { LoginThrottle } from '../../cluster/login-throttle';
import { ClusterRedis } from '../../cluster/redis';
import { loadConfig } from '../../config/app-config';
import { AdvisoryLocks } from '../../database/advisory-lock';
import { Database } from '../../database/database';
import { InstanceSecretsRepository } from '../../database/instance-secrets.repository';
import { InstanceSettingsRepository } from '../../database/instance-settings.repository';
import { PrismaService } from '../../database/prisma.service';
import { SqlPool } from '../../database/sql-pool';
import { LdapDirectory } from '../../directory/ldap-directory';
import { Metrics } from '../../observability/metrics';
import { AccessTokensRepository } from '../access-tokens/access-tokens.repository';
import { DirectoryAccounts } from '../external-accounts/directory-accounts.service';
import { ExternalAccountsRepository } from '../external-accounts/external-accounts.repository';
import { ExternalAccountsService } from '../external-accounts/external-accounts.service';
import { RobotsRepository } from '../robots/robots.repository';
import { ServicesRepository } from '../services/services.repository';
import { TwoFactorRepository } from '../two-factor/two-factor.repository';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { UsersRepository } from '../users/users.repository';
import { CredentialCache } from './credential-cache';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';

/** CredentialsService and what it stands on, over a migrated test database (integration tests). */
export interface CredentialsFixture {
  readonly prisma: PrismaService;
  readonly users: UsersRepository;
  readonly hasher: PasswordHasher;
  readonly generation: AccessGeneration;
  readonly audit: AuditService;
  /** A CredentialsService configured by `env`, with its directory accounts. */
  credentialsWith(env: Record<string, string>): { credentials: CredentialsService; directory: DirectoryAccounts };
  close(): Promise<void>;
}

export async function credentialsFixture(url: string): Promise<CredentialsFixture> {
  const database = { url } as Database;
  const prisma = new PrismaService(database);
  const sql = new SqlPool(database);
  const audit = new AuditService(new AuditRepository(prisma, sql));
  const users = new UsersRepository(prisma);
  const hasher = new PasswordHasher();
  const state = new AccessStateRepository(prisma);
  const generation = new AccessGeneration(state, database, new ClusterRedis(loadConfig({}), undefined));
  // The client's first query loads Prisma's query compiler (WebAssembly): on a loaded machine it
  // can outlast the deadline `sync` reads under (CI failed the whole file on it once). Not timed.
  await state.generation();
  await generation.sync();
  const directories: LdapDirectory[] = [];
  return {
    prisma,
    users,
    hasher,
    generation,
    audit,
    credentialsWith(env) {
      const config = loadConfig(env);
      const ldap = new LdapDirectory(config);
      const accounts = new ExternalAccountsRepository(prisma);
      directories.push(ldap);
      const directory = new DirectoryAccounts(
        ldap,
        accounts,
        new ExternalAccountsService(accounts, audit),
        new AdvisoryLocks(database),
        new InstanceSettingsRepository(prisma),
        config,
      );
      const throttle = new LoginThrottle(
        config,
        new ClusterRedis(config, ioredis),
        new InstanceSecretsRepository(prisma),
      );
      const credentials = new CredentialsService(
        users,
        new ServicesRepository(prisma),
        new RobotsRepository(prisma),
        new AccessTokensRepository(prisma),
        hasher,
        new CredentialCache(config, generation, new Metrics()),
        throttle,
        generation,
        directory,
        new TwoFactorService(
          new TwoFactorRepository(prisma),
          new InstanceSettingsRepository(prisma),
          config,
          generation,
          throttle,
        ),
      );
      return { credentials, directory };
    },
    async close() {
      for (const ldap of directories) ldap.onModuleDestroy();
      await audit.beforeApplicationShutdown();
      await sql.end();
      await prisma.$disconnect();
    },
  };
}
