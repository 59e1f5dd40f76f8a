import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import pg from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { EventEnvelope } from '@tandem/contracts';
import { createDataSource, createLogger, EventBus, migrate } from '../src';

/** A throw-away consumer schema: one table the handler writes to. */
class Tally1700000000001 implements MigrationInterface {
  name = 'Tally1700000000001';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE tally (user_id uuid PRIMARY KEY, n int NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE tally`);
  }
}

const log = createLogger('kit-test', 'silent');
let producerDs: DataSource;
let consumerDs: DataSource;
let producer: EventBus;
let consumer: EventBus;
let pool: pg.Pool;
const seen: string[] = [];
let failNext = 0;

const waitUntil = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};
const tally = async (userId: string) =>
  (await pool.query(`SELECT n FROM kit_consumer.tally WHERE user_id = $1`, [userId])).rows[0]?.n ?? 0;
const pending = async () =>
  Number(
    (
      await pool.query(
        `SELECT count(*) FROM pgboss.job WHERE name = 'kitconsumer_inbox' AND state IN ('created','retry','active')`,
      )
    ).rows[0].count,
  );

beforeAll(async () => {
  const url = testDatabaseUrl();
  pool = new pg.Pool({ connectionString: url, max: 2 });
  producerDs = createDataSource({ url, schema: 'kit_producer', entities: [], migrations: [] });
  consumerDs = createDataSource({ url, schema: 'kit_consumer', entities: [], migrations: [Tally1700000000001] });
  await migrate(producerDs);
  await migrate(consumerDs);
  await producerDs.initialize();
  await consumerDs.initialize();
  producer = new EventBus({ service: 'kitproducer', connectionString: url, log, pollSeconds: 0.5 });
  consumer = new EventBus({ service: 'kitconsumer', connectionString: url, log, pollSeconds: 0.5 });
  await producer.start();
  await consumer.consume(consumerDs, {
    UserRegistered: async (event: EventEnvelope<'UserRegistered'>, manager) => {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('consumer crashed mid-batch');
      }
      seen.push(event.id);
      await manager.query(
        `INSERT INTO tally (user_id, n) VALUES ($1, 1) ON CONFLICT (user_id) DO UPDATE SET n = tally.n + 1`,
        [event.payload.userId],
      );
    },
  });
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.stop();
  await producerDs?.destroy();
  await consumerDs?.destroy();
  await pool?.end();
});

const registered = (userId: string) => ({
  userId,
  displayName: 'Test',
  roles: ['MENTEE' as const],
  organizationId: null,
  registeredAt: new Date().toISOString(),
});

describe(EventBus.name, () => {
  it('should deliver an event published in a committed transaction to every subscribed inbox', async () => {
    const userId = randomUUID();
    await producer.transactor(producerDs)((m) => producer.publish(m, 'UserRegistered', registered(userId)));
    await waitUntil(async () => (await tally(userId)) === 1);
    const logged = await pool.query(`SELECT name FROM kit_producer.event_log WHERE payload->>'userId' = $1`, [userId]);
    expect(logged.rows).toEqual([{ name: 'UserRegistered' }]);
  });

  it('should publish nothing when the transaction that published rolls back', async () => {
    const userId = randomUUID();
    await expect(
      producer.transactor(producerDs)(async (m) => {
        await producer.publish(m, 'UserRegistered', registered(userId));
        throw new Error('the domain change failed');
      }),
    ).rejects.toThrow('the domain change failed');
    await new Promise((r) => setTimeout(r, 700));
    expect(await tally(userId)).toBe(0);
    expect(
      (
        await pool.query(`SELECT count(*)::int AS n FROM kit_producer.event_log WHERE payload->>'userId' = $1`, [
          userId,
        ])
      ).rows[0].n,
    ).toBe(0);
  });

  it('should refuse to publish outside a transaction', async () => {
    await expect(producer.publish(producerDs.manager, 'UserRegistered', registered(randomUUID()))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('should apply a redelivered event once', async () => {
    const userId = randomUUID();
    const envelope = await producer.transactor(producerDs)((m) =>
      producer.publish(m, 'UserRegistered', registered(userId)),
    );
    await waitUntil(async () => (await tally(userId)) === 1);
    // the queue delivers again (at least once): same event id, new job
    await pool.query(`INSERT INTO pgboss.job (name, data) VALUES ('kitconsumer_inbox', $1)`, [
      JSON.stringify(envelope),
    ]);
    consumer.wake();
    await waitUntil(async () => (await pending()) === 0);
    expect(await tally(userId)).toBe(1);
    expect(seen.filter((id) => id === envelope.id)).toHaveLength(1);
  });

  it('should retry a batch whose handler failed and apply each event exactly once in effect', async () => {
    const a = randomUUID();
    const b = randomUUID();
    failNext = 1;
    await producer.transactor(producerDs)(async (m) => {
      await producer.publish(m, 'UserRegistered', registered(a));
      await producer.publish(m, 'UserRegistered', registered(b));
    });
    await waitUntil(async () => (await tally(a)) === 1 && (await tally(b)) === 1, 20_000);
    await waitUntil(async () => (await pending()) === 0, 20_000);
    expect(await tally(a)).toBe(1);
    expect(await tally(b)).toBe(1);
  }, 30_000);
});
