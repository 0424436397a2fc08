import { objectNameOf } from '@portcullis/domain';
import type { OidcConfig } from '../../config/app-config';
import type { ExternalAccount } from '../../identity/external-accounts/external-accounts.repository';

type ClaimsConfig = Pick<OidcConfig, 'nameClaim' | 'emailClaim' | 'groupsClaim' | 'groupPattern' | 'privileges'>;

/** Portcullis names of a groups claim's values (an array of names, or one name), filtered and sorted. */
export function groupsOfClaim(value: unknown, pattern: RegExp | undefined): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  const groups = new Set<string>();
  for (const external of values) {
    if (typeof external !== 'string' || (pattern !== undefined && !pattern.test(external))) continue;
    const name = objectNameOf(external);
    if (name !== undefined) groups.add(name);
  }
  return [...groups].sort();
}

/** The account an ID token's claims describe, or why they describe none usable. */
export function accountOfClaims(
  claims: Readonly<Record<string, unknown>>,
  config: ClaimsConfig,
): ExternalAccount | { failure: string } {
  const subject = claims['sub'];
  if (typeof subject !== 'string' || subject === '' || subject.length > 1024) {
    return { failure: 'the ID token has no usable sub claim' };
  }
  const external = claims[config.nameClaim];
  const name = typeof external === 'string' ? objectNameOf(external) : undefined;
  if (name === undefined) {
    return { failure: `the provider's ${config.nameClaim} claim gives no usable user name` };
  }
  const email = claims[config.emailClaim];
  return {
    externalId: subject,
    name,
    email: typeof email === 'string' && email.length <= 320 ? email : null,
    groups: groupsOfClaim(claims[config.groupsClaim], config.groupPattern),
    privileges: config.privileges,
  };
}
