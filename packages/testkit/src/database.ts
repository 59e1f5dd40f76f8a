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
