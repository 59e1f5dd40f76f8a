/**
 * One TypeORM data source per service, on the service's own Postgres schema, changed only by
 * timestamped migrations (synchronize is off). Every statement is counted per request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DataSource,
  type EntityManager,
  type Logger as OrmLogger,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import type { RequestStats } from './context';
import { PreparingClient } from './prepared-statements';

/** The stats of the request being served, so the ORM logger can count its statements. */
export const requestScope = new AsyncLocalStorage<RequestStats>();

class CountingLogger implements OrmLogger {
  constructor(private readonly onSlow?: (query: string, ms: number) => void) {}
  logQuery() {
    const stats = requestScope.getStore();
    if (stats) stats.sqlStatements += 1;
  }
  logQueryError() {}
  logQuerySlow(time: number, query: string) {
    this.onSlow?.(query, time);
  }
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export interface DataSourceOptions {
  url: string;
  /** The service's Postgres schema: its tables, its migrations table, its event bookkeeping. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
  poolSize?: number;
  applicationName?: string;
  /** Parameterised statements become named prepared statements (see prepared-statements.ts); default on. */
  preparedStatements?: boolean;
  onSlowQuery?: (query: string, ms: number) => void;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: [KitTables, ...options.migrations],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['query', 'error'],
    logger: new CountingLogger(options.onSlowQuery),
    maxQueryExecutionTime: 500,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? options.schema,
    extra: {
      // the service's schema first, so raw SQL in repositories names its own tables unqualified
      options: `-c search_path=${options.schema},public`,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
      ...(options.preparedStatements === false ? {} : { Client: PreparingClient }),
    },
  });
}

/** Creates the schema if needed and applies pending migrations; returns the names applied. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  const wasInitialized = dataSource.isInitialized;
  if (!wasInitialized) await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    // one migrator at a time per schema, even when several replicas start together
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`tandem-migrate:${schema}`]);
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`tandem-migrate:${schema}`]).catch(() => {});
      await lock.release();
    }
  } finally {
    if (!wasInitialized) await dataSource.destroy();
  }
}

/** Reverts the last `steps` migrations (down). */
export async function revert(dataSource: DataSource, steps = 1): Promise<void> {
  for (let i = 0; i < steps; i++) await dataSource.undoLastMigration({ transaction: 'each' });
}

export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

export function schemaOf(dataSource: DataSource): string {
  return (dataSource.options as { schema?: string }).schema ?? 'public';
}

/** Runs `work` in one transaction; events published inside commit with it (transactional outbox). */
export type Transact = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

/**
 * Tables the kit itself needs in every service schema: the log of events this service published,
 * and the ids of events it consumed (so each is applied once).
 */
export class KitTables implements MigrationInterface {
  name = 'KitTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE event_log (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      version int NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX event_log_name_time ON event_log (name, occurred_at)`);
    await q.query(`CREATE TABLE processed_event (
      event_id uuid PRIMARY KEY,
      name text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processed_event`);
    await q.query(`DROP TABLE event_log`);
  }
}
