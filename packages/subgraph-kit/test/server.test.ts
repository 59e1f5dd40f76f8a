/**
 * What a subgraph server answers around the data: the SQL statement count (in the response header when
 * exposed, in the request's log line at info level, not counted at all when nobody would read it), and
 * `cache-control: no-store` on every answer (Apollo's cache-control plugin is off; no subgraph has hints).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { HEADERS } from '@tandem/contracts';
import { createDataSource, createSubgraphApp, requestScope } from '../src';

const secret = 'kit-server-test-gateway-secret';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    "Runs two statements; says whether the request was being counted."
    twice: Boolean!
  }
`);

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = createDataSource({
    url: testDatabaseUrl(),
    schema: 'public',
    entities: [],
    migrations: [],
    poolSize: 2,
  });
  await dataSource.initialize();
});
afterAll(async () => {
  await dataSource?.destroy();
});

async function serve(level: string, exposeSqlCount: boolean) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  const log = pino({ level }, sink);
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: {
        twice: async () => {
          await dataSource.query('SELECT 1');
          await dataSource.query('SELECT 2');
          return requestScope.getStore() !== undefined;
        },
      },
    },
  });
  const { apollo, start, listener } = createSubgraphApp({
    name: 'probe',
    schema,
    dataSource,
    log,
    gatewaySecret: secret,
    production: true,
    exposeSqlCount,
  });
  await start();
  const server = http.createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const ask = async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HEADERS.gatewaySecret]: secret },
      body: JSON.stringify({ query: 'query Twice { twice }' }),
    });
    return { res, body: (await res.json()) as { data?: { twice: boolean }; errors?: unknown } };
  };
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await apollo.stop();
  };
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HEADERS.gatewaySecret]: secret, ...headers },
      body,
    });
  return { ask, post, url, stop, lines };
}

describe('the subgraph server', () => {
  it("should put the request's statement count in the response header when exposed", async () => {
    const s = await serve('warn', true);
    try {
      const { res, body } = await s.ask();
      expect(body.data).toEqual({ twice: true });
      expect(res.headers.get(HEADERS.sqlStatements)).toBe('2');
      expect(res.headers.get('cache-control')).toBe('no-store');
    } finally {
      await s.stop();
    }
  });

  it('should log the statement count at info level, without the header', async () => {
    const s = await serve('info', false);
    try {
      const { res, body } = await s.ask();
      expect(body.data).toEqual({ twice: true });
      expect(res.headers.get(HEADERS.sqlStatements)).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(s.lines.find((l) => l.msg === 'request')).toMatchObject({ operation: 'Twice', sql: 2, errors: 0 });
    } finally {
      await s.stop();
    }
  });

  it('should not count when neither the header nor the log line would show it, and answer the same', async () => {
    const s = await serve('warn', false);
    try {
      const { res, body } = await s.ask();
      expect(body.data).toEqual({ twice: false });
      expect(res.headers.get(HEADERS.sqlStatements)).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(s.lines.filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it('should answer /graphql on plain node:http as Express did: the secret, JSON bodies, limits, and Express for the rest', async () => {
    const s = await serve('warn', false);
    try {
      const query = JSON.stringify({ query: 'query Twice { twice }' });
      // no secret, a wrong one: refused before the body is read
      for (const headers of [{}, { [HEADERS.gatewaySecret]: 'not-the-secret' }] as Array<Record<string, string>>) {
        const res = await fetch(s.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: query,
        });
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual({
          errors: [{ message: 'This service only answers the gateway.', extensions: { code: 'FORBIDDEN' } }],
        });
      }
      // broken JSON, an oversized body, an encoding nobody sends
      const broken = await s.post('{"query": "{ twice }"');
      expect(broken.status).toBe(400);
      expect(
        ((await broken.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
      ).toBe('BAD_USER_INPUT');
      const huge = await s.post(JSON.stringify({ query: `query Twice { twice } # ${'x'.repeat(1024 * 1024)}` }));
      expect(huge.status).toBe(413);
      const odd = await s.post(query, { 'content-encoding': 'compress' });
      expect(odd.status).toBe(415);
      // a gzipped body is inflated, as body-parser did
      const zipped = await s.post(new Uint8Array(gzipSync(query)), { 'content-encoding': 'gzip' });
      expect(await zipped.json()).toEqual({ data: { twice: false } });
      // not JSON: Apollo Server's own 400, as when express.json() left the body unset
      const text = await s.post('query Twice { twice }', { 'content-type': 'text/plain' });
      expect(text.status).toBe(400);
      // GET with the query in the URL still works for queries
      const get = await fetch(`${s.url}?query=${encodeURIComponent('{ twice }')}`, {
        headers: { [HEADERS.gatewaySecret]: secret, 'apollo-require-preflight': 'true' },
      });
      expect(await get.json()).toEqual({ data: { twice: false } });
      // everything else is still Express's
      const health = await fetch(s.url.replace('/graphql', '/health'));
      expect(await health.json()).toEqual({ status: 'ok', service: 'probe' });
      expect((await fetch(s.url.replace('/graphql', '/nowhere'), { method: 'POST' })).status).toBe(404);
      // and the connection that was refused a body is not left hanging: a plain request still answers
      expect((await s.ask()).body).toEqual({ data: { twice: false } });
    } finally {
      await s.stop();
    }
  });
});
