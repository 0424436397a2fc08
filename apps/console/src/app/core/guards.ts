import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { SessionStore } from './session.store';

/** Pages for signed-in users: others go to sign in, and come back afterwards. */
export const signedIn: CanActivateFn = (_route, state) =>
  inject(SessionStore).signedIn() ||
  inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });

/** While two-factor sign-in is required and not set up, every page but its own sends there. */
export const enrolled: CanActivateFn = (_route, state) =>
  !inject(SessionStore).mustEnrol() ||
  state.url.startsWith('/account/two-factor') ||
  inject(Router).createUrlTree(['/account/two-factor']);
