/** One subgraph stops: the gateway still answers the others' fields, says clearly what is missing, and recovers. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runService } from '@tandem/subgraph-kit';
import { eventually, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { pino } from 'pino';

let stack: Stack;
const me = principal('MENTOR');

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity, matching] });
  await stack.sql(
    `INSERT INTO identity."user" (id, email, display_name, roles) VALUES ($1, $2, 'Outage Test', '{MENTOR}')`,
    [me.userId, `${randomUUID()}@example.org`],
  );
});
afterAll(async () => {
  await stack?.stop().catch(() => {});
});

describe('a subgraph outage', () => {
  it('should answer the other subgraphs, flag the missing part, and answer fully once it is back', async () => {
    const query = `{ me { id displayName activeMentees } }`;
    expect((await stack.gql(query, {}, { as: me })).errors).toBeUndefined();

    const { port } = stack.services.matching.server;
    const env = stack.services.matching.runtime.env;
    await stack.services.matching.stop();

    const partial = await stack.gql<{ me: { id: string; displayName: string; activeMentees: number | null } }>(
      query,
      {},
      { as: me },
    );
    expect(partial.data?.me).toMatchObject({ id: me.userId, displayName: 'Outage Test', activeMentees: null });
    expect(partial.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(partial.errors?.[0].message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    // a query that needs only identity is untouched
    expect((await stack.gql(`{ me { id displayName } }`, {}, { as: me })).errors).toBeUndefined();

    stack.services.matching = await runService(
      matching,
      { ...env, PORT: port },
      { log: pino({ level: 'silent' }), runJobs: false },
    );
    await eventually(async () => {
      const res = await stack.gql(query, {}, { as: me });
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ me: { id: me.userId } });
    });
  });
});
