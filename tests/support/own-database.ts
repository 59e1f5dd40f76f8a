/**
 * A database of a test file's own on the test server, with the given services migrated: for tests that
 * count rows or cut connections by application name, which other test files sharing the run's database
 * would disturb (or be disturbed by).
 */
import pg from 'pg';
import { createLogger, migrateService, type ServiceDefinition } from '@tandem/subgraph-kit';

export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function ownDatabase(sharedUrl: string, services: ServiceDefinition[], prefix = 'tandem_own'): Promise<OwnDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: sharedUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  const log = createLogger('migrate', 'silent');
  for (const service of services) await migrateService(service, url.toString(), log);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: sharedUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
