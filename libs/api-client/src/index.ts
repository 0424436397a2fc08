import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths } from './schema';
export type Schemas = components['schemas'];

/** A typed client of the Portcullis REST API; `token` is a session token or a personal access token. */
export function createPortcullisClient(baseUrl: string, token?: string): Client<paths> {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
  });
}
