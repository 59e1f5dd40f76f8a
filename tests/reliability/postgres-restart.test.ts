/**
 * PostgreSQL restarts under load: requests fail cleanly while it is down, the services reconnect by
 * themselves, and no event is lost — including events a consumer held mid-batch when the connection died.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freePort, startLocalPostgres, type LocalPostgres } from '@tandem/local-postgres';
import {
  createDataSource,
  createLogger,
  EventBus,
  migrate,
  migrateService,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from '@tandem/subgraph-kit';
import { eventually, principal, startStack, type Stack } from '@tandem/testkit';
import { identity } from '@tandem/identity';

class Tally1700000000002 implements MigrationInterface {
  name = 'Tally1700000000002';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE tally (user_id uuid PRIMARY KEY, n int NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE tally`);
  }
}

const log = createLogger('restart-test', 'silent');
let dir: string;
let port: number;
let server: LocalPostgres;
let url: string;
let stack: Stack;
let producerDs: DataSource;
let consumerDs: DataSource;
let producer: EventBus;
let consumer: EventBus;
let releaseGate: () => void;
const gate = new Promise<void>((r) => (releaseGate = r));
let held = 0;

const start = () => startLocalPostgres({ dataDir: join(dir, 'data'), port, persistent: true, fast: true });

beforeAll(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'tandem-restart-'));
  await chmod(dir, 0o755);
  port = await freePort();
  server = await start();
  await server.createDatabase('restart');
  url = server.url('restart');
  await migrateService(identity, url, log);
  stack = await startStack({ databaseUrl: url, services: [identity] });
  producerDs = createDataSource({ url, schema: 'restart_producer', entities: [], migrations: [] });
  consumerDs = createDataSource({
    url,
    schema: 'restart_consumer',
    entities: [],
    migrations: [Tally1700000000002],
    poolSize: 2,
  });
  await migrate(producerDs);
  await migrate(consumerDs);
  await producerDs.initialize();
  await consumerDs.initialize();
  producer = new EventBus({
    service: 'restartproducer',
    connectionString: url,
    log,
    jobTimeoutSeconds: 3,
    maintenanceSeconds: 1,
  });
  consumer = new EventBus({
    service: 'restartconsumer',
    connectionString: url,
    log,
    jobTimeoutSeconds: 3,
    maintenanceSeconds: 1,
  });
  await producer.start();
  await consumer.consume(consumerDs, {
    UserRegistered: async (event, manager) => {
      held += 1;
      await gate; // the first delivery is held here while the database goes away
      await manager.query(
        `INSERT INTO tally (user_id, n) VALUES ($1, 1) ON CONFLICT (user_id) DO UPDATE SET n = tally.n + 1`,
        [event.payload.userId],
      );
    },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop().catch(() => {});
  await consumer?.stop().catch(() => {});
  await producer?.stop().catch(() => {});
  await producerDs?.destroy().catch(() => {});
  await consumerDs?.destroy().catch(() => {});
  await server?.stop().catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a PostgreSQL restart', () => {
  it('should fail requests cleanly while down, recover by itself, and lose no event', async () => {
    const admin = principal('ADMIN');
    await stack.sql(
      `INSERT INTO identity."user" (id, email, display_name, roles) VALUES ($1, $2, 'Admin', '{ADMIN}')`,
      [admin.userId, `${randomUUID()}@example.org`],
    );
    const query = `{ me { id displayName } }`;
    expect((await stack.gql(query, {}, { as: admin })).errors).toBeUndefined();

    const users = Array.from({ length: 20 }, () => randomUUID());
    await producer.transactor(producerDs)(async (m) => {
      for (const userId of users)
        await producer.publish(m, 'UserRegistered', {
          userId,
          displayName: 'x',
          roles: ['MENTEE'],
          organizationId: null,
          registeredAt: new Date().toISOString(),
        });
    });
    await eventually(() => expect(held).toBeGreaterThan(0)); // a batch is in the consumer's hands

    // load while the database goes down and comes back
    const codes: string[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const res = await stack
          .gql(query, {}, { as: admin })
          .catch(() => ({ errors: [{ extensions: { code: 'NETWORK' } }] }));
        codes.push(res.errors ? String(res.errors[0].extensions?.code) : 'OK');
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    await stack.sql('SELECT 1').catch(() => {});
    await server.stop();
    await new Promise((r) => setTimeout(r, 1500));
    releaseGate(); // the held transaction now fails on its dead connection
    server = await start();
    await eventually(async () => expect((await stack.gql(query, {}, { as: admin })).errors).toBeUndefined(), 30_000);
    await new Promise((r) => setTimeout(r, 300));
    loading = false;
    await load;

    const failures = codes.filter((c) => c !== 'OK');
    expect(failures.length).toBeGreaterThan(0); // it was really down under load
    expect(new Set(failures)).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    expect(codes.at(-1)).toBe('OK');

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      await eventually(
        async () => {
          const { rows } = await check.query(
            `SELECT user_id, n FROM restart_consumer.tally WHERE user_id = ANY($1::uuid[])`,
            [users],
          );
          expect(rows).toHaveLength(users.length);
          expect(rows.every((r) => r.n === 1)).toBe(true);
        },
        60_000,
        250,
      );
    } finally {
      await check.end();
    }
  }, 120_000);
});
