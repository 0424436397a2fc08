import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { withDeadline } from '../common/deadline';
import { freshRead } from '../common/fresh-read';
import { Database } from '../database/database';
import { DATABASE } from '../database/database-unavailable';
import { type AccessChanges, changesBetween, everything } from './access-changes';
import { AccessStateRepository } from './access-state.repository';
import { ClusterRedis } from './redis';

/** How often each replica reads the generation itself, whatever pushes it. */
export const GENERATION_POLL_MS = 1000;
/** Longest wait for the database when reading the generation. */
export const DATABASE_DEADLINE_MS = 1000;
/** Further behind than this, a replica drops everything rather than read the log. */
const MOST_CHANGES_READ = 1000n;
const CHANNEL = 'portcullis_access';
const REDIS_CHANNEL = 'portcullis:access';

/**
 * The access generation this replica's caches may be built for, and whether the database answers.
 *
 * Every committed change to what token decisions read increases the generation (database triggers,
 * in the changing transaction), so a cache tagged with it can never miss a change, whoever made it.
 * Each replica learns a new generation within milliseconds, pushed by PostgreSQL `LISTEN/NOTIFY`
 * or, when REDIS_URL is set, by Redis pub/sub (published by the replica that made the change),
 * and within a second in any case by reading it once a second; after its own changes it reads it
 * before answering, so a client sees its own change at once. With each new generation it reads
 * from the change log what moved since the one it knew, so caches drop only what a change touched.
 */
@Injectable()
export class AccessGeneration implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccessGeneration.name);
  private known: bigint | undefined;
  private reachable = true;
  private readonly listeners = new Set<(changes: AccessChanges) => void>();
  private readonly freshGeneration = freshRead(() => this.read());
  private poll: NodeJS.Timeout | undefined;
  private listener: Client | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly state: AccessStateRepository,
    private readonly database: Database,
    private readonly redis: ClusterRedis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync().catch(() => undefined);
    this.poll = setInterval(() => void this.sync().catch(() => undefined), GENERATION_POLL_MS);
    this.poll.unref();
    const subscriber = this.redis.subscriber();
    if (subscriber === undefined) {
      await this.listen();
    } else {
      subscriber.on('message', () => void this.sync().catch(() => undefined));
      await subscriber.subscribe(REDIS_CHANNEL).catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => undefined);
  }

  /** The last generation read; undefined until the database has answered once. */
  current(): bigint | undefined {
    return this.known;
  }

  /** False from a failed or late read of the generation until the next one succeeds. */
  get databaseReachable(): boolean {
    return this.reachable;
  }

  /**
   * Calls `listener` with what each new generation changed, in order, before the generation is
   * current (so nothing cached for what it changed is answered once it is).
   */
  onChange(listener: (changes: AccessChanges) => void): void {
    this.listeners.add(listener);
  }

  /**
   * Reads the generation from a read that starts after this call (so it sees every change committed
   * before it), telling listeners when it moved.
   */
  sync(): Promise<bigint> {
    return this.freshGeneration();
  }

  /** After a change made here: learn its generation now and tell the other replicas through Redis. */
  async changedHere(): Promise<void> {
    const before = this.known;
    const after = await this.sync().catch(() => undefined);
    if (after !== undefined && after !== before) {
      await this.redis.commands?.publish(REDIS_CHANNEL, after.toString()).catch(() => undefined);
    }
  }

  private async read(): Promise<bigint> {
    let generation: bigint;
    try {
      generation = await withDeadline(this.state.generation(), DATABASE_DEADLINE_MS, DATABASE);
    } catch (error) {
      if (this.reachable) {
        this.logger.warn(`Database unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.reachable = false;
      throw error;
    }
    if (!this.reachable) this.logger.log('Database reachable again');
    this.reachable = true;
    if (generation !== this.known) {
      // Reads are serial (freshRead): no other read moves `known` meanwhile. A generation lower
      // than the known one (a restored database) changes everything.
      const changes = await this.changesSince(this.known, generation);
      for (const listener of this.listeners) listener(changes);
      this.known = generation;
    }
    return generation;
  }

  private async changesSince(known: bigint | undefined, generation: bigint): Promise<AccessChanges> {
    if (known === undefined || generation < known || generation - known > MOST_CHANGES_READ) {
      return everything(generation);
    }
    try {
      const rows = await withDeadline(this.state.changesBetween(known, generation), DATABASE_DEADLINE_MS, DATABASE);
      return changesBetween(known, generation, rows);
    } catch {
      return everything(generation);
    }
  }

  /** LISTEN on a connection of its own, reconnecting (and re-reading) after any loss. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.database.url, connectionTimeoutMillis: 2000, keepAlive: true });
    const retry = () => {
      if (this.listener !== client || this.stopped) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.reconnect = setTimeout(() => void this.listen(), 1000);
      this.reconnect.unref();
    };
    this.listener = client;
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => void this.sync().catch(() => undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Changes made while not listening.
      void this.sync().catch(() => undefined);
    } catch {
      retry();
    }
  }
}
