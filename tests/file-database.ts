/**
 * Runs before each test file: the file gets its own copy of the run's migrated database (`testDatabaseUrl()`),
 * dropped when the file ends. Every file starts the real services, whose event queues and email delivery claim
 * whatever is pending in their database; on a shared one, another file's stack could consume this file's events
 * or send its emails with its own settings.
 */
import { afterAll, inject } from 'vitest';
import { useFileDatabase } from '@tandem/testkit';

const database = await useFileDatabase(inject('templateDatabaseUrl'));
afterAll(async () => {
  await database.drop();
});
