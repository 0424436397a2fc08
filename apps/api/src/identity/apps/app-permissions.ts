import { randomBytes } from 'node:crypto';
import { type AppPolicy, type UserIdentity, inAnyGroup } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';

/** Admins, and members of an app's responsible groups, manage (and see) its services and robots. */
export function managesApp(caller: UserIdentity, app: AppPolicy): boolean {
  return caller.isAdmin || inAnyGroup(caller, app.responsibles);
}

export function assertManagesApp(caller: UserIdentity, app: AppPolicy, what: string): void {
  if (!managesApp(caller, app))
    throw new AppError(ErrorCode.FORBIDDEN, `Only admins and responsibles of app ${app.name} may manage its ${what}`);
}

/** A generated secret for a service or robot: 192 random bits. */
export function generateSecret(): string {
  return randomBytes(24).toString('base64url');
}
