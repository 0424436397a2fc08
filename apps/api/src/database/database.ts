import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgresServer } from './embedded-postgres';
import { migrate } from './migrator';

/** The database Portcullis talks to: the configured one, or an embedded cluster it started. */
export class Database {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly url: string,
    private readonly embedded: EmbeddedPostgresServer | undefined,
  ) {}

  /** Connects (starting the embedded cluster if needed) and applies pending migrations. */
  static async open(config: AppConfig): Promise<Database> {
    let embedded: EmbeddedPostgresServer | undefined;
    let url = config.databaseUrl;
    if (url === undefined) {
      embedded = new EmbeddedPostgresServer(config.dataDir);
      url = await embedded.start();
    }
    try {
      const applied = await migrate(url);
      if (applied.length > 0) Database.logger.log(`Applied ${applied.length} migration(s)`);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
    return new Database(url, embedded);
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }
}
