/**
 * What test harnesses and tools need without loading the application: the embedded PostgreSQL
 * server and free loopback ports. Part of the app's public surface (see index.ts).
 */
export { freePort } from './common/free-port';
export { EmbeddedPostgresServer } from './database/embedded-postgres';
