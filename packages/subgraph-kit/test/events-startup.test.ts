import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import pg from 'pg';
import pino from 'pino';
import { EventBus } from '../src';

// every warning is kept: a deadlock that was tried again is a failure too (set-up is serialised, there should be none)
const warnings: string[] = [];
const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
const name = `tandem_kit_start_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let url: string;

beforeAll(async () => {
  // a fresh database: pg-boss's schema and every queue are created by the services as they start
  const server = new URL(testDatabaseUrl());
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const own = new URL(testDatabaseUrl());
  own.pathname = `/${name}`;
  url = own.toString();
});
afterAll(async () => {
  const server = new URL(testDatabaseUrl());
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe(EventBus.name, () => {
  it('should let many services declare their inboxes and jobs at once on a fresh database', async () => {
    const services = Array.from({ length: 12 }, (_, i) => `kitstart${i}`);
    const buses = services.map((service) => new EventBus({ service, connectionString: url, log, pollSeconds: 5 }));
    try {
      // each creates its inbox (a partition of pg-boss's job table) and a scheduled job's queue, all together
      await Promise.all(
        buses.map(async (bus) => {
          await bus.install(['UserRegistered', 'MeetingConfirmed']);
          await bus.every('nightly', '0 3 * * *', async () => {});
        }),
      );
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const queues = (
        await check.query<{ name: string }>(
          `SELECT name FROM pgboss.queue WHERE name NOT LIKE '\_\_pgboss%' ORDER BY name`,
        )
      ).rows.map((r) => r.name);
      const subscriptions = Number((await check.query(`SELECT count(*) FROM pgboss.subscription`)).rows[0].count);
      await check.end();
      expect(queues).toEqual(services.flatMap((s) => [`${s}_inbox`, `${s}_nightly`]).sort());
      expect(subscriptions).toBe(services.length * 2);
      expect(warnings.filter((line) => line.includes('deadlock'))).toEqual([]);
    } finally {
      await Promise.all(buses.map((bus) => bus.stop()));
    }
  }, 60_000);
});
