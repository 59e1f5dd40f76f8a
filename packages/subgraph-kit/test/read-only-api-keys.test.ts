/**
 * Every subgraph refuses an API key's mutations itself (issue 23, defence in depth behind the gateway's refusal):
 * a request whose forwarded principal is a key (`apiKeyId`) and whose operation is a mutation is answered
 * FORBIDDEN with reason API_KEY_READ_ONLY (HTTP 403) before any resolver runs; the key's queries, and a person's
 * mutations, run as before.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { API_KEY_READ_ONLY_REASON, HEADERS, encodePrincipal, type Principal } from '@tandem/contracts';
import { createDataSource, createSubgraphApp } from '../src';

const secret = 'kit-read-only-keys-test-secret';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    "How many times the mutation ran."
    count: Int!
  }
  type Mutation {
    "Adds one to the count."
    bump: Int!
  }
`);

const key: Principal = {
  userId: 'c0ffee00-0000-4000-8000-000000000001',
  roles: [],
  organizationId: 'c0ffee00-0000-4000-8000-0000000000aa',
  apiKeyId: 'c0ffee00-0000-4000-8000-000000000001',
};
const person: Principal = { userId: 'c0ffee00-0000-4000-8000-000000000002', roles: ['ADMIN'], organizationId: null };

let dataSource: DataSource;
let server: http.Server;
let stop: () => Promise<void>;
let url: string;
let count = 0;

beforeAll(async () => {
  dataSource = createDataSource({
    url: testDatabaseUrl(),
    schema: 'public',
    entities: [],
    migrations: [],
    poolSize: 1,
  });
  await dataSource.initialize();
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { count: () => count },
      Mutation: { bump: () => ++count },
    },
  });
  const { apollo, start, listener } = createSubgraphApp({
    name: 'probe',
    schema,
    dataSource,
    log: pino({ level: 'silent' }),
    gatewaySecret: secret,
    production: true,
  });
  await start();
  server = http.createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  stop = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await apollo.stop();
  };
});
afterAll(async () => {
  await stop?.();
  await dataSource?.destroy();
});

async function ask(query: string, as: Principal | null, operationName?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [HEADERS.gatewaySecret]: secret,
      ...(as ? { [HEADERS.principal]: encodePrincipal(as) } : {}),
    },
    body: JSON.stringify({ query, operationName }),
  });
  type Body = {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  return { status: res.status, body: (await res.json()) as Body };
}

describe('an API key principal at a subgraph', () => {
  it('should refuse its mutation before the resolver runs, with the gateway’s code and reason', async () => {
    const before = count;
    const asked: Array<[string, string?]> = [
      ['mutation { bump }'],
      ['mutation Named { bump }'],
      // the operation chosen from a document that also holds a query
      ['query Read { count } mutation Write { bump }', 'Write'],
    ];
    for (const [query, operationName] of asked) {
      const { status, body } = await ask(query, key, operationName);
      expect(status).toBe(403);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: API_KEY_READ_ONLY_REASON });
      expect(body.errors![0].message).toMatch(/^An API key reads only/);
      expect(body.errors![0].extensions).not.toHaveProperty('http');
    }
    expect(count).toBe(before);
  });

  it('should answer its query, and run a person’s mutation', async () => {
    const query = await ask('{ count }', key);
    expect(query.status).toBe(200);
    expect(query.body).toEqual({ data: { count } });
    expect((await ask('query Read { count } mutation Write { bump }', key, 'Read')).body).toEqual({ data: { count } });
    const before = count;
    const bumped = await ask('mutation { bump }', person);
    expect(bumped.status).toBe(200);
    expect(bumped.body).toEqual({ data: { bump: before + 1 } });
    expect(count).toBe(before + 1);
  });

  it('should not be fooled by a key principal that also claims a role', async () => {
    const before = count;
    const { status, body } = await ask('mutation { bump }', { ...key, roles: ['ADMIN'] });
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: API_KEY_READ_ONLY_REASON });
    expect(count).toBe(before);
  });
});
