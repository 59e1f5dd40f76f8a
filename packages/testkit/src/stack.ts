/**
 * A running platform for integration tests: the given subgraphs (real services on the test database,
 * on free ports) behind the real gateway, with a supergraph composed from their SDL, and access tokens
 * signed the way identity signs them.
 */
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino, type DestinationStream } from 'pino';
import {
  DEFAULT_PORTS,
  HEADERS,
  type EventEnvelope,
  type EventName,
  type EventPayloads,
  type Principal,
} from '@tandem/contracts';
import { randomUUID } from 'node:crypto';
import {
  printSubgraphSdl,
  provisionRuntimeRole,
  runtimeUrlFor,
  REDACTED_PATHS,
  runService,
  type RunningService,
  type ServiceDefinition,
} from '@tandem/subgraph-kit';
import { startGateway, gatewayEnvSchema, type RunningGateway } from '@tandem/gateway';
import { startBalancer, type Balancer } from './balancer';
import { composeSupergraph } from './compose';
import { generateSigningKeys, signAccessToken, type KeyPairPem } from './keys';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  /** SQL statements per subgraph for this request (the gateway reports them in tests). */
  sqlStatements?: Record<string, number>;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, unknown> & { code?: string };
  }>;
  headers: Headers;
}

export interface Stack {
  /** The gateway (the first replica when there are several). */
  gateway: RunningGateway;
  /** Every gateway replica, `gateway` first (one unless `replicas` was set). */
  gateways: RunningGateway[];
  /** Each subgraph's first instance. */
  services: Record<string, RunningService>;
  /** Every instance of each subgraph, `services[name]` first (one each unless `replicas` was set). */
  instances: Record<string, RunningService[]>;
  /** With `replicas` above one: the round-robin balancer in front of each subgraph's instances, by subgraph name. */
  balancers: Record<string, Balancer>;
  keys: KeyPairPem;
  secret: string;
  databaseUrl: string;
  supergraphPath: string;
  /** An access token for this principal, signed like identity's. */
  token(principal: Principal): Promise<string>;
  /**
   * A query through the gateway; `as` signs a token for the principal, `token` uses one as is; `via` picks the
   * gateway replica (an index into `gateways`, default the first).
   */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: { as?: Principal; token?: string; via?: number },
  ): Promise<GraphQLResponse<T>>;
  /** A query straight to one subgraph (with the gateway's secret unless told otherwise). */
  subgraph<T = Record<string, unknown>>(
    name: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: { as?: Principal | null; secret?: string | null },
  ): Promise<GraphQLResponse<T>>;
  /** Resolves once no event is waiting or being processed (or throws after `timeoutMs`). */
  settle(timeoutMs?: number): Promise<void>;
  /**
   * Publishes an event as its producer would (in a transaction, to every subscribed inbox): lets a
   * service's tests play the events of subgraphs that are not running.
   */
  publish<N extends EventName>(name: N, payload: EventPayloads[N], producer?: string): Promise<EventEnvelope<N>>;
  /** Runs SQL on the test database (assertions on row counts, fixtures of a service's own tables). */
  sql<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

export interface StackOptions {
  databaseUrl: string;
  services: ServiceDefinition[];
  /** Extra environment per service name (merged over the defaults). */
  env?: Record<string, Record<string, string>>;
  consumeEvents?: boolean;
  /**
   * The participant app's address, given to every service as WEB_APP_URL (identity's emails link to it); a
   * browser test that serves apps/web passes its server's URL. Default: the app of `npm start`.
   */
  webAppUrl?: string;
  /** Extra gateway environment (limits, NODE_ENV). */
  gatewayEnv?: Record<string, string>;
  /**
   * The gateway checks every token against its account's current state in identity (SESSION_CHECK, as in
   * production), with a TTL of 0 unless `gatewayEnv` sets SESSION_STATE_TTL_MS. Off by default: most tests sign
   * tokens for made-up user ids, often without identity running; on only when identity is in the stack.
   */
  sessionCheck?: boolean;
  /**
   * Instances of each subgraph and of the gateway, all on the one database (default 1). With more, each subgraph's
   * instances consume the same inbox (as a Deployment's pods do), the gateways reach them through a round-robin
   * balancer per subgraph (as through a Kubernetes Service), and each log line carries `replica` (0, 1, …).
   */
  replicas?: number;
  /**
   * Where the services and the gateway log (with the production redaction rules), at `level` (default
   * debug); without it they log nothing.
   */
  log?: { destination: DestinationStream; level?: string };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const keys = await generateSigningKeys();
  // reporting signs its CPD ledger checkpoints with a key of its own (Ed25519 too)
  const checkpointKey = (await generateSigningKeys()).privateKey;
  const startedAt = new Date();
  const secret = randomBytes(24).toString('hex');
  const silent = options.log
    ? pino(
        { level: options.log.level ?? 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
        options.log.destination,
      )
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas must be a positive integer: ${replicas}`);
  const services: Record<string, RunningService> = {};
  const instances: Record<string, RunningService[]> = {};
  const balancers: Record<string, Balancer> = {};
  const stopAll = async () => {
    await Promise.all(Object.values(balancers).map((b) => b.stop().catch(() => {})));
    await Promise.all(
      Object.values(instances)
        .flat()
        .map((s) => s.stop().catch(() => {})),
    );
  };
  try {
    for (const definition of options.services) {
      // each service runs as its own least-privileged role, as in production (its schema only; see the kit's roles.ts)
      const own = !options.env?.[definition.name]?.DATABASE_URL && definition.migrations.length > 0;
      const databaseUrl = own ? runtimeUrlFor(options.databaseUrl, definition.name) : options.databaseUrl;
      if (own) {
        await provisionRuntimeRole({
          ownerUrl: options.databaseUrl,
          runtimeUrl: databaseUrl,
          schema: definition.schema,
          appendOnly: definition.appendOnly,
        });
      }
      const env = definition.envSchema.parse({
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '4',
        GATEWAY_SECRET: secret,
        LOG_LEVEL: 'silent',
        EXPOSE_SQL_COUNT: 'true',
        JWT_PRIVATE_KEY: keys.privateKey,
        CHECKPOINT_SIGNING_KEY: checkpointKey,
        WEB_APP_URL: options.webAppUrl ?? `http://127.0.0.1:${DEFAULT_PORTS.web}`,
        // `npm test -- --slow-events N` slows every consumer down, to prove no test assumes an event has arrived
        EVENT_CONSUMER_DELAY_MS: process.env.EVENT_CONSUMER_DELAY_MS ?? '0',
        ...(options.env?.[definition.name] ?? {}),
      });
      instances[definition.name] = [];
      for (let replica = 0; replica < replicas; replica++) {
        instances[definition.name].push(
          await runService(definition, env, {
            log: silent.child(replicas > 1 ? { service: definition.name, replica } : { service: definition.name }),
            consumeEvents: options.consumeEvents,
            runJobs: false,
          }),
        );
      }
      services[definition.name] = instances[definition.name][0];
      if (replicas > 1) balancers[definition.name] = await startBalancer(instances[definition.name].map((s) => s.url));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  /** Where the gateways reach a subgraph: its balancer, or its one instance. */
  const urlOf = (name: string) => balancers[name]?.url ?? services[name].url;

  const subgraphs = await Promise.all(
    options.services.map(async (d) => ({
      name: d.name,
      url: urlOf(d.name),
      sdl: printSubgraphSdl(await d.printableSchema()),
    })),
  );
  const dir = await mkdtemp(join(os.tmpdir(), 'tandem-supergraph-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composeSupergraph(subgraphs));
  const gatewayEnv = gatewayEnvSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    EXPOSE_SQL_COUNT: 'true',
    GATEWAY_SECRET: secret,
    SUPERGRAPH_PATH: supergraphPath,
    JWT_PUBLIC_KEY: keys.publicKey,
    LOG_LEVEL: 'silent',
    SUPERGRAPH_POLL_MS: '200',
    // the tests are the gateway's proxy: they send X-Forwarded-For to play clients at many addresses
    TRUST_PROXY: 'loopback',
    SESSION_CHECK: String(!!options.sessionCheck && 'identity' in services),
    SESSION_STATE_TTL_MS: '0',
    // live updates: the gateway listens for the subgraphs' signals on the test database
    LIVE_DATABASE_URL: options.databaseUrl,
    ...Object.fromEntries(Object.keys(services).map((name) => [`${name.toUpperCase()}_URL`, urlOf(name)])),
    ...(options.gatewayEnv ?? {}),
  });
  const gateways: RunningGateway[] = [];
  try {
    for (let replica = 0; replica < replicas; replica++) {
      gateways.push(
        await startGateway(
          gatewayEnv,
          silent.child(replicas > 1 ? { service: 'gateway', replica } : { service: 'gateway' }),
          keys.publicKey,
        ),
      );
    }
  } catch (error) {
    await Promise.all(gateways.map((g) => g.stop().catch(() => {})));
    await stopAll();
    throw error;
  }
  const gateway = gateways[0];

  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on('error', () => {}); // an idle client dropped by a database restart is replaced on next use
  const post = async <T>(
    url: string,
    headers: Record<string, string>,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: {
      data?: T;
      errors?: GraphQLResponse['errors'];
      extensions?: { sqlStatements?: Record<string, number> };
    } = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: text }] };
    }
    return {
      status: res.status,
      data: body.data,
      errors: body.errors,
      sqlStatements: body.extensions?.sqlStatements,
      headers: res.headers,
    };
  };
  const token = (principal: Principal) => signAccessToken(keys.privateKey, principal);
  // every running instance: a test that restarts a service replaces `services[name]`, its first instance
  const running = () => Object.entries(instances).flatMap(([name, list]) => [services[name], ...list.slice(1)]);

  return {
    gateway,
    gateways,
    services,
    instances,
    balancers,
    keys,
    secret,
    databaseUrl: options.databaseUrl,
    supergraphPath,
    token,
    async gql(query, variables, auth = {}) {
      const bearer = auth.token ?? (auth.as ? await token(auth.as) : undefined);
      const via = gateways[auth.via ?? 0];
      if (!via) throw new Error(`no gateway replica ${auth.via} (there are ${gateways.length})`);
      return post(via.url, bearer ? { authorization: `Bearer ${bearer}` } : {}, query, variables);
    },
    async subgraph(name, query, variables, opts = {}) {
      const headers: Record<string, string> = {};
      const s = opts.secret === undefined ? secret : opts.secret;
      if (s) headers[HEADERS.gatewaySecret] = s;
      if (opts.as) headers[HEADERS.principal] = Buffer.from(JSON.stringify(opts.as)).toString('base64url');
      return post(services[name].url, headers, query, variables);
    },
    async settle(timeoutMs = 15_000) {
      // only this stack's inboxes, and only what was published since it started: other test files share
      // the database, and events for services not running here (or from before) are not ours to wait for
      const inboxes = Object.keys(services).map((n) => `${n}_inbox`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM pgboss.job
            WHERE name = ANY($1) AND state IN ('created', 'retry', 'active') AND created_on >= $2 AND start_after <= now() + interval '1 second'`,
          [inboxes, startedAt],
        );
        if (rows[0].n === 0) return;
        if (Date.now() > deadline) throw new Error(`events still pending after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async publish(name, payload, producer = 'testkit') {
      const envelope = { id: randomUUID(), name, version: 1, occurredAt: new Date().toISOString(), producer, payload };
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(`SELECT name FROM pgboss.subscription WHERE event = $1`, [name]);
        for (const { name: queue } of rows) {
          await client.query(
            `INSERT INTO pgboss.job (name, data, retry_limit, retry_delay, retry_backoff, expire_in) VALUES ($1, $2, 12, 2, true, interval '60 seconds')`,
            [queue, JSON.stringify(envelope)],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
      for (const s of running()) s.runtime.events.wake();
      return envelope;
    },
    async sql(text, values) {
      return (await pool.query(text, values)).rows;
    },
    async stop() {
      await Promise.all(gateways.map((g) => g.stop()));
      await Promise.all(Object.values(balancers).map((b) => b.stop()));
      await Promise.all(running().map((s) => s.stop()));
      await pool.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
