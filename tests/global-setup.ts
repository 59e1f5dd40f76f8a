/**
 * Once per test run: a real PostgreSQL (the one at TEST_DATABASE_URL / DATABASE_URL, or an embedded one),
 * a fresh database on it, and the subgraphs' migrations applied. That database is a template: each test file
 * works on a copy of its own (tests/file-database.ts; `testDatabaseUrl()` in a test), so no file's services
 * consume another file's events or deliver its emails.
 * TANDEM_TEST_SERVICES (comma-separated, set by `npm test` in one service) limits which are migrated.
 */
import type { TestProject } from 'vitest/node';
import { SUBGRAPHS } from '@tandem/contracts';
import { provisionTestDatabase } from '@tandem/testkit';
import { migrateService, createLogger, type ServiceDefinition } from '@tandem/subgraph-kit';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database: never connect to it (a copy cannot be made while anyone is). */
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const database = await provisionTestDatabase();
  const log = createLogger('migrate', 'silent');
  const selected = (process.env.TANDEM_TEST_SERVICES ?? SUBGRAPHS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    for (const name of SUBGRAPHS.filter((s) => selected.includes(s))) {
      const mod = (await import(`@tandem/${name}`)) as Record<string, ServiceDefinition>;
      await migrateService(mod[name], database.url, log);
    }
  } catch (error) {
    await database.release();
    throw error;
  }
  project.provide('templateDatabaseUrl', database.url);
  process.stdout.write(
    `test database: ${database.origin}; migrated ${selected.join(', ')} in ${Date.now() - started} ms\n`,
  );
  return async () => {
    await database.release();
  };
}
