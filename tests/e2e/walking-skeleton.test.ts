import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@tandem/contracts';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships, reporting],
  });
});
afterAll(async () => {
  await stack?.stop();
});

async function createUser(displayName: string, roles = ['MENTOR']) {
  const id = randomUUID();
  await stack.sql(`INSERT INTO identity."user" (id, email, display_name, roles) VALUES ($1, $2, $3, $4)`, [
    id,
    `${id}@example.org`,
    displayName,
    roles,
  ]);
  return id;
}

describe('the walking skeleton', () => {
  it('should answer one query that crosses all four subgraphs through the gateway', async () => {
    const mentorId = await createUser('Amara Okafor');
    await stack.sql(`INSERT INTO matching.mentor_load (user_id, active_mentees, capacity) VALUES ($1, 2, 3)`, [
      mentorId,
    ]);
    await stack.sql(
      `INSERT INTO relationships.relationship (id, mentee_id, mentor_id, status, started_on) VALUES ($1, $2, $3, 'ACTIVE', '2026-09-01'), ($4, $5, $3, 'COMPLETED', '2026-01-10')`,
      [randomUUID(), randomUUID(), mentorId, randomUUID(), randomUUID()],
    );
    await stack.sql(
      `INSERT INTO reporting.cpd_entry (id, user_id, hours, occurred_on) VALUES ($1, $2, 1.5, '2026-09-10'), ($3, $2, 1, '2026-09-24')`,
      [randomUUID(), mentorId, randomUUID()],
    );

    const res = await stack.gql(
      `{ me { id displayName roles activeMentees relationshipCount cpdHours } }`,
      {},
      { as: principal('MENTOR', null, mentorId) },
    );

    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      me: {
        id: mentorId,
        displayName: 'Amara Okafor',
        roles: ['MENTOR'],
        activeMentees: 2,
        relationshipCount: 2,
        cpdHours: 2.5,
      },
    });
    // the query plan called every subgraph, each of which reported its SQL statements
    expect(Object.keys(res.sqlStatements ?? {}).sort()).toEqual(['identity', 'matching', 'relationships', 'reporting']);
  });

  it('should resolve _entities for a list of users with one SQL statement', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => createUser(`Person ${i}`)));
    const res = await stack.subgraph<{ _entities: Array<{ id: string; displayName: string }> }>(
      'identity',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }`,
      { r: ids.map((id) => ({ __typename: 'User', id })) },
      { as: principal('ADMIN') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((u) => u.id)).toEqual(ids);
    expect(res.headers.get(HEADERS.sqlStatements)).toBe('1');
  });

  it('should refuse a subgraph request that does not carry the gateway secret', async () => {
    for (const secret of [null, 'not-the-gateway-secret']) {
      const res = await stack.subgraph(
        'identity',
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`,
        { r: [{ __typename: 'User', id: randomUUID() }] },
        { secret },
      );
      expect(res.status).toBe(403);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('should answer UNAUTHENTICATED to a bad or expired token', async () => {
    const garbage = await stack.gql(`{ me { id } }`, {}, { token: 'not.a.jwt' });
    expect(garbage.status).toBe(401);
    expect(garbage.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const { signAccessToken, generateSigningKeys } = await import('@tandem/testkit');
    const otherKeys = await generateSigningKeys();
    const forged = await stack.gql(
      `{ me { id } }`,
      {},
      { token: await signAccessToken(otherKeys.privateKey, principal('ADMIN')) },
    );
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const expired = await stack.gql(
      `{ me { id } }`,
      {},
      { token: await signAccessToken(stack.keys.privateKey, principal('ADMIN'), '-1m') },
    );
    expect(expired.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(expired.errors?.[0].message).toMatch(/expired/);
  });

  it('should ask anonymous callers to sign in for fields that need a person', async () => {
    const res = await stack.gql(`{ me { id } }`);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
