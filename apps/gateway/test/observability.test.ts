/**
 * Traces and metrics, switched on by environment: one trace crosses the gateway into a subgraph and down
 * to Postgres (W3C traceparent over the HTTP hop), and `/metrics` on both moves with the traffic.
 * The subgraph here is a small probe service built with the kit (a real server, a real database), so the
 * test depends on the platform's plumbing only, not on any domain service's schema.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { HEADERS, type SubgraphName } from '@tandem/contracts';
import { subgraphEnvSchema } from '@tandem/config';
import {
  createTracedLogger,
  printSubgraphSdl,
  runService,
  startTracing,
  type RunningService,
  type ServiceDefinition,
  type ServiceRuntime,
} from '@tandem/subgraph-kit';
import { composeSupergraph, generateSigningKeys, testDatabaseUrl } from '@tandem/testkit';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { gatewayEnvSchema, startGateway, type RunningGateway } from '../src';
import { GatewayObservability } from '../src/observability';

const exporter = new InMemorySpanExporter();
const tracing = startTracing({
  serviceName: 'tandem-test',
  spanProcessor: new SimpleSpanProcessor(exporter),
  autoInstrument: false,
});

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    "How many schemas the database has (one SQL statement)."
    probe: Int!
    "Always fails."
    probeFailure: Int
  }
`);

const probe: ServiceDefinition = {
  name: 'probe' as SubgraphName,
  schema: 'probe',
  envSchema: subgraphEnvSchema(0),
  entities: [],
  migrations: [],
  consumes: [],
  printableSchema: async () => buildSubgraphSchema({ typeDefs }),
  async create(runtime: ServiceRuntime) {
    return {
      schema: buildSubgraphSchema({
        typeDefs,
        resolvers: {
          Query: {
            probe: async () => (await runtime.dataSource.query('SELECT count(*)::int AS n FROM pg_namespace'))[0].n,
            probeFailure: () => {
              throw new GraphQLError('probe failure', { extensions: { code: 'BAD_USER_INPUT' } });
            },
          },
        },
      }),
    };
  },
};

let service: RunningService;
let gateway: RunningGateway;
let plainGateway: RunningGateway;
let dir: string;
const secret = randomUUID() + randomUUID();
const silent = pino({ level: 'silent' });

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> },
  };
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  return res.text();
}

/** The value of one sample, `name{labels}`; labels match as a subset. 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

beforeAll(async () => {
  const databaseUrl = testDatabaseUrl();
  const keys = await generateSigningKeys();
  service = await runService(
    probe,
    probe.envSchema.parse({
      PORT: '0',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '2',
      GATEWAY_SECRET: secret,
      LOG_LEVEL: 'silent',
      OTEL_ENABLED: 'true',
      METRICS_ENABLED: 'true',
    }),
    { log: silent, consumeEvents: false, runJobs: false },
  );
  await service.runtime.events.install([]); // its inbox queue, watched by the queue gauges
  dir = await mkdtemp(join(os.tmpdir(), 'tandem-observability-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph([{ name: 'probe', url: service.url, sdl: printSubgraphSdl(await probe.printableSchema()) }]),
  );
  const gatewayEnv = (flags: Record<string, string>) =>
    gatewayEnvSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      GATEWAY_SECRET: secret,
      SUPERGRAPH_PATH: supergraphPath,
      JWT_PUBLIC_KEY: keys.publicKey,
      LOG_LEVEL: 'silent',
      SESSION_CHECK: 'false', // no identity behind this gateway
      ...flags,
    });
  gateway = await startGateway(gatewayEnv({ OTEL_ENABLED: 'true', METRICS_ENABLED: 'true' }), silent, keys.publicKey);
  plainGateway = await startGateway(gatewayEnv({}), silent, keys.publicKey);
});

afterAll(async () => {
  await plainGateway?.stop();
  await gateway?.stop();
  await service?.stop();
  await tracing.shutdown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const base = (g: { url: string }) => g.url.replace(/\/graphql$/, '');

describe('tracing', () => {
  it('should make one trace from the gateway through the subgraph to the database', async () => {
    exporter.reset();
    const res = await post(gateway.url, 'query Probe { probe }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.probe).toBeGreaterThan(0);

    const spans = exporter.getFinishedSpans();
    const one = (pred: (s: ReadableSpan) => boolean, what: string) => {
      const found = spans.filter(pred);
      expect(found, `${what} among ${spans.map((s) => s.name).join(', ')}`).toHaveLength(1);
      return found[0];
    };
    const gatewayServer = one(
      (s) => s.instrumentationLibrary.name === 'tandem-gateway' && s.attributes['tandem.service'] === 'gateway',
      'the gateway request span',
    );
    const fetchSpan = one((s) => s.name === 'gateway -> probe', 'the subgraph fetch span');
    const subgraphServer = one((s) => s.instrumentationLibrary.name === 'tandem-probe', 'the subgraph request span');
    const sql = spans.filter(
      (s) =>
        s.instrumentationLibrary.name === 'tandem-pg' && String(s.attributes['db.statement']).includes('pg_namespace'),
    );

    const traceId = gatewayServer.spanContext().traceId;
    for (const s of [fetchSpan, subgraphServer, ...sql]) expect(s.spanContext().traceId).toBe(traceId);
    // across the HTTP hop: the subgraph's span is the child of the gateway's fetch span
    expect(subgraphServer.parentSpanId).toBe(fetchSpan.spanContext().spanId);
    expect(subgraphServer.name).toBe('query Probe');
    expect(subgraphServer.attributes['graphql.operation.name']).toBe('Probe');
    // and the statement the resolver ran is the child of the subgraph's span
    expect(sql).toHaveLength(1);
    expect(sql[0].parentSpanId).toBe(subgraphServer.spanContext().spanId);
  });

  it('should continue the trace named by an incoming W3C traceparent header', async () => {
    exporter.reset();
    const traceId = randomUUID().replace(/-/g, '');
    const parentId = randomUUID().replace(/-/g, '').slice(0, 16);
    const res = await post(service.url, 'query Direct { probe }', {
      [HEADERS.gatewaySecret]: secret,
      traceparent: `00-${traceId}-${parentId}-01`,
    });
    expect(res.status).toBe(200);
    const server = exporter.getFinishedSpans().find((s) => s.instrumentationLibrary.name === 'tandem-probe');
    expect(server?.spanContext().traceId).toBe(traceId);
    expect(server?.parentSpanId).toBe(parentId);
  });

  it('should write the active span into the headers of a subgraph fetch', async () => {
    const observer = new GatewayObservability({ tracing: true, metrics: false }).subgraph('probe')!;
    const headers = new Map<string, string>();
    let spanId = '';
    await observer.fetch(async () => {
      spanId = trace.getSpan(context.active())!.spanContext().spanId;
      observer.inject(headers);
    });
    expect(headers.get('traceparent')).toMatch(new RegExp(`^00-[0-9a-f]{32}-${spanId}-01$`));
  });

  it('should put the trace id on log lines written inside a span', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createTracedLogger('probe', 'info', sink);
    log.info('outside');
    await trace.getTracer('test').startActiveSpan('work', async (span) => {
      log.info('inside');
      span.end();
      const [outside, inside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(outside.trace_id).toBeUndefined();
      expect(inside.trace_id).toBe(span.spanContext().traceId);
      expect(inside.span_id).toBe(span.spanContext().spanId);
    });
  });
});

describe('metrics', () => {
  it('should count requests, errors and latency by operation on the gateway and the subgraph', async () => {
    const gatewayBefore = await scrape(`${base(gateway)}/metrics`);
    const subgraphBefore = await scrape(`http://127.0.0.1:${service.server.port}/metrics`);

    for (let i = 0; i < 3; i++) expect((await post(gateway.url, 'query Probe { probe }')).body.errors).toBeUndefined();
    expect((await post(gateway.url, 'query ProbeFailure { probeFailure }')).body.errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    const g = await scrape(`${base(gateway)}/metrics`);
    const s = await scrape(`http://127.0.0.1:${service.server.port}/metrics`);
    const moved = (after: string, before: string, name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(moved(g, gatewayBefore, 'tandem_graphql_requests_total', { service: 'gateway', operation: 'Probe' })).toBe(
      3,
    );
    expect(moved(g, gatewayBefore, 'tandem_graphql_request_duration_seconds_count', { operation: 'Probe' })).toBe(3);
    expect(
      moved(g, gatewayBefore, 'tandem_graphql_errors_total', { operation: 'ProbeFailure', code: 'BAD_USER_INPUT' }),
    ).toBe(1);
    expect(moved(g, gatewayBefore, 'tandem_graphql_errors_total', { operation: 'Probe' })).toBe(0);
    expect(
      moved(g, gatewayBefore, 'tandem_gateway_subgraph_fetch_duration_seconds_count', {
        subgraph: 'probe',
        outcome: 'ok',
      }),
    ).toBe(4);
    expect(sample(g, 'tandem_graphql_request_duration_seconds_sum', { operation: 'Probe' })).toBeGreaterThan(0);

    expect(moved(s, subgraphBefore, 'tandem_graphql_requests_total', { service: 'probe', operation: 'Probe' })).toBe(3);
    expect(
      moved(s, subgraphBefore, 'tandem_graphql_request_duration_seconds_count', {
        service: 'probe',
        operation: 'Probe',
      }),
    ).toBe(3);
    expect(
      moved(s, subgraphBefore, 'tandem_graphql_errors_total', { operation: 'ProbeFailure', code: 'BAD_USER_INPUT' }),
    ).toBe(1);
    expect(sample(s, 'tandem_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(s, 'tandem_db_pool_connections', { state: 'total' })).toBeLessThanOrEqual(2);
    expect(s).toMatch(/^tandem_db_pool_connections\{state="waiting",service="probe"\} 0$/m);
    expect(s).toMatch(/^process_resident_memory_bytes\{service="probe"\} \d+/m);
  });

  it("should report the depth and the oldest age of the service's event inbox", async () => {
    const url = `http://127.0.0.1:${service.server.port}/metrics`;
    const labels = { queue: 'probe_inbox' };
    expect(sample(await scrape(url), 'tandem_event_queue_jobs', { ...labels, state: 'created' })).toBe(0);
    expect(sample(await scrape(url), 'tandem_event_queue_oldest_age_seconds', labels)).toBe(0);
    // two waiting events, the older one queued two minutes ago (start_after far ahead: no worker takes them)
    const ids = [randomUUID(), randomUUID()];
    await service.runtime.dataSource.query(
      `INSERT INTO pgboss.job (id, name, data, created_on, start_after) VALUES
         ($1, 'probe_inbox', '{}', now() - interval '2 minutes', now() + interval '1 hour'),
         ($2, 'probe_inbox', '{}', now() - interval '10 seconds', now() + interval '1 hour')`,
      ids,
    );
    try {
      const text = await scrape(url);
      expect(sample(text, 'tandem_event_queue_jobs', { ...labels, state: 'created' })).toBe(2);
      expect(sample(text, 'tandem_event_queue_jobs', { ...labels, state: 'retry' })).toBe(0);
      const age = sample(text, 'tandem_event_queue_oldest_age_seconds', labels);
      expect(age).toBeGreaterThanOrEqual(119);
      expect(age).toBeLessThan(200);
    } finally {
      await service.runtime.dataSource.query(`DELETE FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
    }
  });

  it('should serve no /metrics and send no traceparent when the flags are off', async () => {
    expect((await fetch(`${base(plainGateway)}/metrics`)).status).toBe(404);
    exporter.reset();
    expect((await post(plainGateway.url, 'query Plain { probe }')).body.errors).toBeUndefined();
    const subgraphSpan = exporter
      .getFinishedSpans()
      .find(
        (s) => s.instrumentationLibrary.name === 'tandem-probe' && s.attributes['graphql.operation.name'] === 'Plain',
      );
    // the subgraph still traces, but starts a new trace: nothing came with the request
    expect(subgraphSpan?.parentSpanId).toBeUndefined();
    expect(exporter.getFinishedSpans().some((s) => s.name === 'gateway -> probe')).toBe(false);
  });
});
