/** Who asks for a token or calls the API (see docs/access-policy.md, "Vocabulary"). */
export type Identity = AnonymousIdentity | UserIdentity;

export interface AnonymousIdentity {
  readonly kind: 'anonymous';
}

export interface UserIdentity {
  readonly kind: 'user';
  readonly id: number;
  readonly name: string;
  readonly isAdmin: boolean;
}

export const ANONYMOUS: AnonymousIdentity = Object.freeze({ kind: 'anonymous' });

/** The token `sub`: the login name, `""` for anonymous (token spec, jwt.md). */
export function subjectOf(identity: Identity): string {
  return identity.kind === 'anonymous' ? '' : identity.name;
}
