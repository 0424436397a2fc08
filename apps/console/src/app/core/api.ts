import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { createPortcullisClient } from '@portcullis/api-client';
import { API_BASE_URL, SessionStore } from './session.store';

/**
 * The generated client, as every page uses it. Its one interceptor sends the session's token and,
 * when the API answers 401, refreshes the session once and repeats the call; when the session is
 * over, it sends the user to sign in again and back where they were afterwards.
 */
@Injectable({ providedIn: 'root' })
export class Api {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  readonly client = createPortcullisClient(inject(API_BASE_URL));

  constructor() {
    // A copy of each request as sent, to repeat it after a refresh (a sent body cannot be re-read).
    const copies = new WeakMap<Request, Request>();
    this.client.use({
      onRequest: ({ request }) => {
        const token = this.session.token();
        if (token !== null) request.headers.set('authorization', `Bearer ${token}`);
        copies.set(request, request.clone());
        return request;
      },
      onResponse: async ({ request, response }) => {
        if (response.status !== 401 || !this.session.signedIn()) return response;
        const copy = copies.get(request);
        if (copy && (await this.session.refresh())) {
          copy.headers.set('authorization', `Bearer ${this.session.token() ?? ''}`);
          return fetch(copy);
        }
        this.session.expire();
        // Back, after signing in, to where the user was going: a page being opened (its lazy code
        // still loading) when the session ended, or else the page shown.
        const going = this.router.currentNavigation()?.extractedUrl;
        const returnUrl = going === undefined ? this.router.url : this.router.serializeUrl(going);
        await this.router.navigate(['/sign-in'], { queryParams: { returnUrl } });
        return response;
      },
    });
  }
}
