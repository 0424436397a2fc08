import { Module } from '@nestjs/common';
import { LdapDirectory } from './ldap-directory';

/**
 * The LDAP or Active Directory server: binds, searches and its connection pool. What its accounts
 * become in Portcullis (sign-in, sync) is identity's.
 */
@Module({
  providers: [LdapDirectory],
  exports: [LdapDirectory],
})
export class DirectoryModule {}
