import { Module } from '@nestjs/common';
import { ExternalAccountsRepository } from '../access/users/external-accounts.repository';
import { ExternalAccountsService } from '../access/users/external-accounts.service';
import { DirectoryAccounts } from './directory-accounts.service';
import { LdapDirectory } from './ldap-directory';

/** LDAP and Active Directory sign-in, and the sync of directory users and groups. */
@Module({
  providers: [LdapDirectory, ExternalAccountsRepository, ExternalAccountsService, DirectoryAccounts],
  exports: [DirectoryAccounts, ExternalAccountsService],
})
export class DirectoryModule {}
