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
