import type { UserIdentity } from '@portcullis/domain';
import { nameContains } from '../database/pagination';

/** The filters of the services and robots lists. */
export interface MachineFilter {
  q?: string;
  app?: string;
  revoked?: boolean;
  /** Only those of apps one of these groups is responsible for (a non-admin's view). */
  responsibleGroups?: readonly number[];
}

/**
 * A machine list's `where`, for services and robots alike: name contains `q`, of `app`, revoked or
 * not, of apps `responsibleGroups` manage.
 */
export function machineWhere(filter: MachineFilter) {
  const name = nameContains(filter.q);
  const app = {
    ...(filter.app === undefined ? {} : { name: filter.app }),
    ...(filter.responsibleGroups === undefined
      ? {}
      : { responsibles: { some: { groupId: { in: [...filter.responsibleGroups] } } } }),
  };
  return {
    ...(name ? { name } : {}),
    ...(Object.keys(app).length === 0 ? {} : { app }),
    ...(filter.revoked === undefined ? {} : { revokedAt: filter.revoked ? { not: null } : null }),
  };
}

/** Who sees which machine identities: admins all, others those of the apps they are responsible for. */
export function visibleTo(caller: UserIdentity): Pick<MachineFilter, 'responsibleGroups'> {
  return caller.isAdmin ? {} : { responsibleGroups: caller.groups.map((g) => g.id) };
}
