/**
 * The application's public surface, for the test harness (`libs/testing`) and tools: they start
 * Portcullis through these and reach nothing else inside the app.
 */
export { createApp } from './bootstrap';
export { AppConfig, loadConfig } from './config/app-config';
export { EmbeddedPostgresServer, freePort } from './harness';
