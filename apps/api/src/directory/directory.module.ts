import { Module } from '@nestjs/common';
import { ExternalAccountsRepository } from '../access/users/external-accounts.repository';
import { DirectoryAccounts } from './directory-accounts.service';
import { LdapDirectory } from './ldap-directory';

/** LDAP and Active Directory sign-in, and the sync of directory users and groups. */
@Module({
  providers: [LdapDirectory, ExternalAccountsRepository, DirectoryAccounts],
  exports: [DirectoryAccounts, ExternalAccountsRepository],
})
export class DirectoryModule {}
