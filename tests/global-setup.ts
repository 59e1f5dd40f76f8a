/**
 * Once per test run: a real PostgreSQL (the one at TEST_DATABASE_URL / DATABASE_URL, or an embedded one),
 * a fresh database on it, and every subgraph's migrations applied. Test files get its URL by `inject`.
 */
import type { TestProject } from 'vitest/node';
import { provisionTestDatabase } from '@tandem/testkit';
import { migrateService, createLogger } from '@tandem/subgraph-kit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const database = await provisionTestDatabase();
  const log = createLogger('migrate', 'silent');
  for (const definition of [identity, matching, relationships, reporting]) await migrateService(definition, database.url, log);
  project.provide('databaseUrl', database.url);
  process.stdout.write(`test database: ${database.origin}, migrated in ${Date.now() - started} ms\n`);
  return async () => {
    await database.release();
  };
}
