/**
 * Least privilege in PostgreSQL (issue 17): each service runs as its own role, which reaches only its own schema
 * (and the event bus); the CPD ledger's runtime role can add evidence but never change or remove it; migrations
 * ran as the owner. The stacks of the whole suite run this way (testkit's startStack), as `npm start` does.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeUrlFor } from '@tandem/subgraph-kit';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { reporting } from '@tandem/reporting';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity, reporting] });
});
afterAll(async () => {
  await stack?.stop();
});

async function as<T>(service: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: runtimeUrlFor(stack.databaseUrl, service) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (error: { code?: string }) => error.code,
  );

describe('database roles', () => {
  it('should run each service as its own role, not as the owner', async () => {
    await stack.gql('{ me { id } }', {}, { as: { userId: randomUUID(), roles: ['MENTEE'], organizationId: null } });
    const users = await stack.sql<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name IN ('identity', 'reporting')`,
    );
    expect(users.map((u) => u.usename).sort()).toEqual(['tandem_identity', 'tandem_reporting']);
  });

  it("should refuse a service another service's tables (42501 insufficient privilege)", async () => {
    expect(await as('identity', (c) => refusal(c.query('SELECT 1 FROM reporting.cpd_entry LIMIT 1')))).toBe('42501');
    expect(await as('reporting', (c) => refusal(c.query('SELECT 1 FROM identity."user" LIMIT 1')))).toBe('42501');
    expect(await as('reporting', (c) => refusal(c.query('SELECT 1 FROM reporting.cpd_entry LIMIT 1')))).toBe('allowed');
  });

  it('should let the ledger role add evidence and never change, remove or truncate it', async () => {
    const userId = randomUUID();
    await stack.sql(
      `INSERT INTO reporting.cpd_entry (id, user_id, hours, occurred_on) VALUES ($1, $2, 1.5, CURRENT_DATE)`,
      [randomUUID(), userId],
    );
    const reporting = (sql: string) => as('reporting', (c) => refusal(c.query(sql, [userId])));
    expect(await reporting(`UPDATE reporting.cpd_entry SET hours = 40 WHERE user_id = $1`)).toBe('42501');
    expect(await reporting(`DELETE FROM reporting.cpd_entry WHERE user_id = $1`)).toBe('42501');
    expect(await as('reporting', (c) => refusal(c.query('TRUNCATE reporting.cpd_entry')))).toBe('42501');
    expect(await as('reporting', (c) => refusal(c.query('DROP TABLE reporting.cpd_entry')))).toBe('42501');
    expect(await stack.sql(`SELECT hours FROM reporting.cpd_entry WHERE user_id = $1`, [userId])).toEqual([
      { hours: '1.50' },
    ]);
  });

  it('should not let a service change its own schema (migrations run as the owner)', async () => {
    expect(await as('identity', (c) => refusal(c.query('CREATE TABLE identity.sneaky (id int)')))).toBe('42501');
    expect(await as('identity', (c) => refusal(c.query('ALTER TABLE identity."user" ADD COLUMN x int')))).toBe('42501');
  });
});
