import { nameContains } from '../common/pagination';

/** The filters of the services and robots lists. */
export interface MachineFilter {
  q?: string;
  app?: string;
  revoked?: boolean;
}

/** A machine list's `where`, for services and robots alike: name contains `q`, of `app`, revoked or not. */
export function machineWhere(filter: MachineFilter) {
  const name = nameContains(filter.q);
  return {
    ...(name ? { name } : {}),
    ...(filter.app === undefined ? {} : { app: { name: filter.app } }),
    ...(filter.revoked === undefined ? {} : { revokedAt: filter.revoked ? { not: null } : null }),
  };
}
