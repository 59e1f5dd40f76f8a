/**
 * What each HTTP layer costs a GraphQL request, in server CPU per request: a bare node:http JSON answer,
 * graphql-js execute on a cached document, Express 5 with `express.json()`, Apollo Server behind Express (its
 * Express integration) and Apollo Server called directly on node:http (as subgraphs serve `/graphql`, see
 * packages/subgraph-kit/src/graphql-http.ts). The load comes from a child process with 4 kept-alive connections,
 * so the server's CPU is its own.
 *
 *   npx tsx bench/http/layers.ts [requests]        (default 6000 per layer, after 500 of warm-up)
 */
import http from 'node:http';
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSchema, execute, parse, type DocumentNode } from 'graphql';

const QUERY = '{ me { id displayName } }';
const schema = buildSchema('type Query { me: User } type User { id: ID! displayName: String! }');
const rootValue = { me: () => ({ id: '1', displayName: 'Sofia Haddad' }) };

function readJson(req: http.IncomingMessage): Promise<{ query: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
  });
}
function sendJson(res: http.ServerResponse, text: string) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function layer(name: string): Promise<{ listener: http.RequestListener; stop?: () => Promise<void> }> {
  if (name === 'node:http') {
    return {
      listener: async (req, res) => {
        await readJson(req);
        sendJson(res, JSON.stringify({ data: rootValue.me() }));
      },
    };
  }
  if (name === 'graphql-js') {
    const documents = new Map<string, DocumentNode>();
    return {
      listener: async (req, res) => {
        const { query } = await readJson(req);
        let document = documents.get(query);
        if (!document) documents.set(query, (document = parse(query)));
        sendJson(res, JSON.stringify(await execute({ schema, document, rootValue })));
      },
    };
  }
  if (name === 'express + express.json') {
    const app = express().set('etag', false);
    app.post('/graphql', express.json(), (_req, res) => {
      res.json({ data: rootValue.me() });
    });
    return { listener: app };
  }
  const apollo = new ApolloServer({ schema, rootValue });
  await apollo.start();
  if (name === 'apollo server via express') {
    const app = express().set('etag', false);
    app.use('/graphql', express.json(), expressMiddleware(apollo));
    return { listener: app, stop: () => apollo.stop() };
  }
  return {
    listener: async (req, res) => {
      const body = await readJson(req);
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body },
        context: async () => ({}),
      });
      if (answer.body.kind === 'complete') sendJson(res, answer.body.string);
    },
    stop: () => apollo.stop(),
  };
}

async function client(port: number, n: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const body = Buffer.from(JSON.stringify({ query: QUERY }));
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let sent = 0;
  const run = (count: number) =>
    Promise.all(
      Array.from({ length: 4 }, async () => {
        while (sent < count) {
          sent++;
          await post();
        }
      }),
    );
  await run(500);
  process.send!('warm');
  await new Promise((resolve) => process.once('message', resolve));
  sent = 0;
  const started = performance.now();
  await run(n);
  process.send!(Math.round(n / ((performance.now() - started) / 1000)));
  process.exit(0);
}

async function main() {
  const n = Number(process.argv[2] ?? 6000);
  console.log(`${n} requests of ${QUERY} per layer, 4 connections; server CPU per request (user + system)`);
  for (const name of [
    'node:http',
    'graphql-js',
    'express + express.json',
    'apollo server via express',
    'apollo server on node:http',
  ]) {
    const { listener, stop } = await layer(name);
    const server = http.createServer(listener);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--client', String((server.address() as AddressInfo).port), String(n)],
      { execArgv: ['--import', 'tsx'] },
    );
    await new Promise((resolve) => child.once('message', resolve));
    const before = process.cpuUsage();
    child.send('go');
    const rps = await new Promise((resolve) => child.once('message', resolve));
    const cpu = process.cpuUsage(before);
    console.log(`${name.padEnd(28)} ${((cpu.user + cpu.system) / n / 1000).toFixed(3)} ms   (${rps} req/s)`);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stop?.();
  }
}

if (process.argv[2] === '--client') void client(Number(process.argv[3]), Number(process.argv[4]));
else void main();
