import { Logger } from '@nestjs/common';
import 'reflect-metadata';
import { createApp, stopGracefullyOnSignals } from './bootstrap';
import { collectStartUpGarbageSoon } from './common/start-up-garbage';
import { ConfigError, loadConfig } from './config/app-config';
import { Metrics } from './observability/metrics';

/** Starts the server: main.ts calls it once it has prepared the runtime and loaded this module. */
export async function main(): Promise<void> {
  // Every module is loaded by now (main.ts imported this file): how long that took is start-up's floor.
  const modulesLoaded = performance.now();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  stopGracefullyOnSignals(app, config);
  await app.listen(config.port, config.host);
  app.get(Metrics).startedUp({ modules: modulesLoaded / 1000, ready: performance.now() / 1000 });
  collectStartUpGarbageSoon();
  const logger = new Logger('Portcullis');
  logger.log(`Listening on ${config.host}:${config.port}; public URL ${config.publicUrl}`);
  logger.log(
    `Token realm ${config.publicUrl}/token, certificates ${config.publicUrl}/token/certs, API docs ${config.publicUrl}/api/docs`,
  );
}
