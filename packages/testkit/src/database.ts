/**
 * The PostgreSQL a test run uses: the server at TEST_DATABASE_URL or DATABASE_URL if set (a fresh
 * database is created on it and dropped afterwards), otherwise an embedded cluster in a temp folder
 * that the run starts and stops itself.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startLocalPostgres } from '@tandem/local-postgres';
import { createLogger, migrateService, type ServiceDefinition } from '@tandem/subgraph-kit';

export interface TestDatabase {
  url: string;
  /** Where the server came from, for the run's header line. */
  origin: string;
  release(): Promise<void>;
}

export async function provisionTestDatabase(): Promise<TestDatabase> {
  const name = `tandem_test_${process.pid}_${Date.now().toString(36)}`;
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      origin: `${url.host} (from ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL'})`,
      release: async () => {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        // the test files' copies first (a file whose worker died did not drop its own), then the template
        const { rows } = await c.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
          [`${name}_f`],
        );
        for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  // a fresh folder under the OS temp dir: reachable by the postgres user even when running as root
  const dir = await mkdtemp(join(os.tmpdir(), 'tandem-test-pg-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const server = await startLocalPostgres({ dataDir: join(dir, 'data'), port, persistent: false, fast: true });
  await server.createDatabase(name);
  return {
    url: server.url(name),
    origin: `embedded PostgreSQL on port ${port}`,
    release: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database of its own, on the same server as the run's test database, with the given services'
 * migrations applied: for tests whose answers cover the whole platform (search over every mentor, totals
 * over every match) and so must not see other test files' data. Dropped by `drop()`.
 */
export async function isolatedDatabase(
  testDatabaseUrl: string,
  services: ServiceDefinition[],
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tandem_iso_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const server = new URL(testDatabaseUrl);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const log = createLogger('migrate', 'silent');
  for (const definition of services) await migrateService(definition, url.toString(), log);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server.toString() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The key under which a test file's own database URL is kept for `testDatabaseUrl()` (set by `useFileDatabase`). */
const FILE_DATABASE = Symbol.for('tandem.testkit.fileDatabaseUrl');

/**
 * A copy of the run's migrated template database (`CREATE DATABASE … TEMPLATE`, a file copy: no migrations
 * re-run), for one test file: its events, jobs and emails are its own, so a stack of another file can never
 * consume them (every file runs the real services, whose queues and email delivery claim whatever is pending in
 * their database). Nothing may connect to the template itself while the run lasts. Dropped by `drop()`.
 */
export async function cloneDatabase(templateUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = new URL(templateUrl);
  const templateName = decodeURIComponent(template.pathname.slice(1));
  const name = `${templateName}_f${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const server = new URL(templateUrl);
  server.pathname = '/postgres';
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  // FILE_COPY: ~0.1–0.2 s for the 12 MB template on this machine under load, against ~1 s for PostgreSQL 15's
  // default WAL_LOG strategy; servers before 15 know no STRATEGY and get their (file-copying) default
  try {
    await run(`CREATE DATABASE "${name}" TEMPLATE "${templateName}" STRATEGY FILE_COPY`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42601') throw error;
    await run(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Gives this test file its own copy of the template database (tests/file-database.ts, a Vitest setup file). */
export async function useFileDatabase(templateUrl: string): Promise<{ drop(): Promise<void> }> {
  const db = await cloneDatabase(templateUrl);
  (globalThis as Record<symbol, unknown>)[FILE_DATABASE] = db.url;
  return db;
}

/** This test file's own database, migrated for every subgraph the run selected (see `useFileDatabase`). */
export function testDatabaseUrl(): string {
  const url = (globalThis as Record<symbol, unknown>)[FILE_DATABASE];
  if (typeof url !== 'string')
    throw new Error('no test database: run the tests through Vitest with tests/file-database.ts in setupFiles');
  return url;
}
