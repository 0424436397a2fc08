import type { RegistryAction } from './scope';

/** The three registry privileges of the OpenSVC collector. */
export const PRIVILEGES = ['DockerRegistriesManager', 'DockerRegistriesPusher', 'DockerRegistriesPuller'] as const;
export type Privilege = (typeof PRIVILEGES)[number];

export interface GroupRef {
  readonly id: number;
  readonly name: string;
}

/** What the policy needs of an app: its code and the groups it is published to and run by. */
export interface AppPolicy {
  readonly id: number;
  readonly name: string;
  /** Group ids. */
  readonly publications: readonly number[];
  /** Group ids. */
  readonly responsibles: readonly number[];
}

/** One entry of a robot's permission list. */
export interface RobotPermission {
  /** A pattern (glob or `/regex/`) over repository names. */
  readonly repositories: string;
  readonly actions: readonly RegistryAction[];
}

/** How a personal access token narrows its user's rights (it never widens them). */
export interface TokenNarrowing {
  readonly id: string;
  readonly name: string;
  /** Pull only. */
  readonly readOnly: boolean;
  /** Registry services it is valid for; null for all. */
  readonly registries: readonly string[] | null;
  /** When it stops working; null for never. */
  readonly expiresAt: Date | null;
}

/**
 * Whether a personal access token is narrower than its user in any way (read-only, some
 * registries, an expiry): such a token never creates, rotates or reads other credentials, which
 * would outlive or outreach it.
 */
export function isLimitedToken(token: TokenNarrowing): boolean {
  return token.readOnly || token.registries !== null || token.expiresAt !== null;
}

/** Who asks for a token or calls the API (docs/access-policy.md, "Vocabulary"). */
export type Identity = AnonymousIdentity | UserIdentity | ServiceIdentity | RobotIdentity;

export interface AnonymousIdentity {
  readonly kind: 'anonymous';
}

export interface UserIdentity {
  readonly kind: 'user';
  readonly id: number;
  readonly name: string;
  readonly isAdmin: boolean;
  readonly privileges: readonly Privilege[];
  /** Every group the user is a member of, the primary group included. */
  readonly groups: readonly GroupRef[];
  /** The primary group: a registry the user declares is given to it. */
  readonly primaryGroup?: GroupRef;
  /** Set when the user authenticated with a personal access token. */
  readonly token?: TokenNarrowing;
}

/** An app's machine identity; docker login name `service/<name>`. */
export interface ServiceIdentity {
  readonly kind: 'service';
  readonly id: number;
  readonly name: string;
  readonly app: AppPolicy;
}

/** A CI credential owned by an app; docker login name `robot/<name>`. */
export interface RobotIdentity {
  readonly kind: 'robot';
  readonly id: number;
  readonly name: string;
  readonly app: AppPolicy;
  readonly permissions: readonly RobotPermission[];
}

/** Whether the user is a member of one of these groups (by id). */
export function inAnyGroup(user: Pick<UserIdentity, 'groups'>, groupIds: readonly number[]): boolean {
  return groupIds.some((id) => user.groups.some((g) => g.id === id));
}

export const ANONYMOUS: AnonymousIdentity = Object.freeze({ kind: 'anonymous' });

export const SERVICE_LOGIN_PREFIX = 'service/';
export const ROBOT_LOGIN_PREFIX = 'robot/';

/** The docker login name: `alice`, `service/web1`, `robot/ci-shop`, or `""` for anonymous. */
export function loginNameOf(identity: Identity): string {
  switch (identity.kind) {
    case 'anonymous':
      return '';
    case 'user':
      return identity.name;
    case 'service':
      return `${SERVICE_LOGIN_PREFIX}${identity.name}`;
    case 'robot':
      return `${ROBOT_LOGIN_PREFIX}${identity.name}`;
  }
}

/** The token `sub`: the login name, `""` for anonymous (token spec, jwt.md). */
export function subjectOf(identity: Identity): string {
  return loginNameOf(identity);
}
