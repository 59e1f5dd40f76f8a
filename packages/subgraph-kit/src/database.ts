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

/** The types the kit's own data source and migrations are made of, for code that drives them (the kit's tests). */
export type { DataSource, MigrationInterface, QueryRunner };

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
  entities?: Function[];
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
    entities: options.entities ?? [],
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

/** A row as the driver returns it; repositories name their own row types. */
export type Row = Record<string, unknown>;

/**
 * Where SQL runs: the pool ({@link Database}) or one transaction ({@link Tx}). `query` gives the rows (a
 * statement's RETURNING rows included, whatever the statement), `execute` the number of rows a statement touched.
 */
export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or null. */
  one<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | null>;
  /** Runs a statement and gives the number of rows it inserted, updated or deleted. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

interface StructuredRunner {
  query(
    sql: string,
    params: unknown[] | undefined,
    structured: true,
  ): Promise<{ records?: unknown[]; affected?: number }>;
  release(): Promise<void>;
}

/** One transaction of the service's database: what repositories write with, and read with when it must see the writes. */
export class Tx implements Queryable {
  /** Made by {@link Database.transaction} (and the event consumer); modules never make one. */
  constructor(readonly manager: EntityManager) {}

  async query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return ((await this.run(sql, params)).records ?? []) as T[];
  }

  async one<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | null> {
    return (await this.query<T>(sql, params))[0] ?? null;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return (await this.run(sql, params)).affected ?? 0;
  }

  private run(sql: string, params?: readonly unknown[]) {
    return (this.manager.queryRunner as unknown as StructuredRunner).query(sql, params as unknown[] | undefined, true);
  }
}

/**
 * A service's database: reads on the pool, writes in {@link Database.transaction}. TypeORM stays underneath as
 * the pool, the transactions and the migration runner; modules see only this and {@link Tx}.
 */
export class Database implements Queryable {
  constructor(
    /** The kit's own handle (health checks, migrations, the event consumer); modules never use it. */
    readonly dataSource: DataSource,
    private readonly afterCommit: () => void = () => {},
  ) {}

  async query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return ((await this.run(sql, params)).records ?? []) as T[];
  }

  async one<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | null> {
    return (await this.query<T>(sql, params))[0] ?? null;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    return (await this.run(sql, params)).affected ?? 0;
  }

  /** Runs `work` in one transaction; events published inside commit with it (the transactional outbox). */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction((manager) => work(new Tx(manager)));
    this.afterCommit();
    return result;
  }

  private async run(sql: string, params?: readonly unknown[]) {
    const runner = this.dataSource.createQueryRunner() as unknown as StructuredRunner;
    try {
      return await runner.query(sql, params as unknown[] | undefined, true);
    } finally {
      await runner.release();
    }
  }
}

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
