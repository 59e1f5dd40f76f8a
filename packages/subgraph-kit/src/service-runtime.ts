/**
 * How a subgraph is assembled, the same way by its main, its migrate step and the test harness:
 * data source, event bus, schema, server, event consumers and scheduled jobs.
 */
import type { GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from './context';
import type express from 'express';
import type { MigrationInterface, DataSource } from 'typeorm';
import type { EventEnvelope, EventName, LiveSignal, SubgraphName } from '@tandem/contracts';
import { loadEnvOrExit, type SubgraphEnv, type z } from '@tandem/config';
import { createDataSource, Database, migrate, Tx, type Transact } from './database';
import { EventBus, type EventHandlers } from './events';
import { bindConsumers, consumedEvents, type ConsumerSet } from './consumers';
import { createLogger, type Logger } from './logger';
import { startSubgraphServer, type RunningSubgraph } from './server';
import { SubgraphMetrics, createTracedLogger, startTracing, tracePg } from './observability';
import { provisionRuntimeRole } from './roles';

export interface ServiceRuntime<E extends SubgraphEnv = SubgraphEnv> {
  env: E;
  /** The service's database: reads on the pool, writes in `db.transaction` (events published inside commit with it). */
  db: Database;
  events: EventBus;
  log: Logger;
  /** @deprecated the kit's own handle; modules use `db`. */
  dataSource: DataSource;
  /** @deprecated use `db.transaction`. */
  transact: Transact;
}

export interface ScheduledJob {
  name: string;
  /** cron, UTC */
  cron: string;
  run(): Promise<void>;
}

export interface ServiceParts<D = unknown> {
  schema: GraphQLSchema;
  /** The parts the modules' consumers are given (the composition root's services and repositories). */
  deps?: D;
  /** @deprecated modules own their consumers: list them in the definition's `consumers`. */
  handlers?: EventHandlers;
  jobs?: ScheduledJob[];
  routes?: (app: express.Express) => void;
  /** The service's own Apollo Server plugins, after the kit's (identity marks the answers the gateway may share). */
  plugins?: Array<ApolloServerPlugin<SubgraphContext>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a definition's parts are its own business
export interface ServiceDefinition<E extends SubgraphEnv = SubgraphEnv, D = any> {
  name: SubgraphName;
  /** Its Postgres schema. */
  schema: string;
  /** Its configuration, parsed once at start. */
  envSchema: z.ZodType<E>;
  /** @deprecated no module maps entities any more. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  migrations: Array<new () => MigrationInterface>;
  /** Tables the running service may read and append to but never change (its runtime role lacks UPDATE/DELETE). */
  appendOnly?: readonly string[];
  /** The modules' event consumers; what the service subscribes to is derived from them. */
  consumers?: ReadonlyArray<ConsumerSet<D>>;
  /** @deprecated derived from `consumers`. */
  consumes?: EventName[];
  /** The live signals its events raise for the gateways' streams (see live.ts); none by default. */
  liveSignals?: (event: EventEnvelope) => LiveSignal[];
  /** Builds the schema without a database (for printing the SDL). */
  printableSchema(): Promise<GraphQLSchema>;
  create(runtime: ServiceRuntime<E>): Promise<ServiceParts<D>>;
}

/** The events a service subscribes to (at migration time, so none published meanwhile is missed). */
export function consumedBy(definition: {
  consumers?: ReadonlyArray<ConsumerSet<never>>;
  consumes?: EventName[];
}): EventName[] {
  return definition.consumers ? consumedEvents(definition.consumers) : [...(definition.consumes ?? [])].sort();
}

export interface RunningService<E extends SubgraphEnv = SubgraphEnv> {
  definition: ServiceDefinition<E>;
  runtime: ServiceRuntime<E>;
  server: RunningSubgraph;
  url: string;
  stop(): Promise<void>;
}

/** Applies the service's migrations and declares its event subscriptions. */
export async function migrateService(
  definition: ServiceDefinition,
  databaseUrl: string,
  log = createLogger(definition.name),
  options: { runtimeUrl?: string } = {},
): Promise<string[]> {
  const dataSource = createDataSource({
    url: databaseUrl,
    schema: definition.schema,
    entities: definition.entities ?? [],
    migrations: definition.migrations,
    poolSize: 2,
  });
  const applied = await migrate(dataSource);
  const events = new EventBus({ service: definition.name, connectionString: databaseUrl, log, poolSize: 2 });
  try {
    await events.install(consumedBy(definition));
  } finally {
    await events.stop();
  }
  // the service's own role, granted what it needs and no more, once the schema it reaches exists
  if (options.runtimeUrl) {
    await provisionRuntimeRole({
      ownerUrl: databaseUrl,
      runtimeUrl: options.runtimeUrl,
      schema: definition.schema,
      appendOnly: definition.appendOnly,
    });
  }
  return applied;
}

/** The modules' consumer sets as the event bus runs them: one handler per event, in the consumer's transaction. */
function moduleHandlers<D>(sets: ReadonlyArray<ConsumerSet<D>>, deps: D): EventHandlers {
  const handlers: Record<string, (event: never, manager: never) => Promise<void>> = {};
  for (const [name, run] of bindConsumers(sets, deps)) handlers[name] = (event, manager) => run(event, new Tx(manager));
  return handlers as EventHandlers;
}

export async function runService<E extends SubgraphEnv, D = unknown>(
  definition: ServiceDefinition<E, D>,
  env: E,
  options: { log?: Logger; consumeEvents?: boolean; runJobs?: boolean } = {},
): Promise<RunningService<E>> {
  const log = options.log ?? createLogger(definition.name, env.LOG_LEVEL);
  const dataSource = createDataSource({
    url: env.DATABASE_URL,
    schema: definition.schema,
    entities: definition.entities ?? [],
    migrations: definition.migrations,
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    applicationName: definition.name,
    onSlowQuery: (query, ms) => log.warn({ ms, query: query.slice(0, 300) }, 'slow query'),
  });
  await dataSource.initialize();
  if (env.OTEL_ENABLED) tracePg(); // spans per SQL statement under the request's span
  const events = new EventBus({
    service: definition.name,
    connectionString: env.DATABASE_URL,
    log,
    pollSeconds: env.EVENT_POLL_SECONDS,
    consumerDelayMs: env.EVENT_CONSUMER_DELAY_MS,
    liveSignals: definition.liveSignals,
  });
  await events.start();
  const runtime: ServiceRuntime<E> = {
    env,
    db: events.database(dataSource),
    events,
    log,
    dataSource,
    transact: events.transactor(dataSource),
  };
  const parts = await definition.create(runtime);
  const server = await startSubgraphServer({
    name: definition.name,
    schema: parts.schema,
    dataSource,
    log,
    gatewaySecret: env.GATEWAY_SECRET,
    production: env.NODE_ENV === 'production',
    exposeSqlCount: env.EXPOSE_SQL_COUNT,
    routes: parts.routes,
    plugins: parts.plugins,
    tracing: env.OTEL_ENABLED,
    metrics: env.METRICS_ENABLED ? new SubgraphMetrics({ service: definition.name, dataSource }) : undefined,
    port: env.PORT,
    host: env.HOST,
  });
  const handlers = definition.consumers ? moduleHandlers(definition.consumers, parts.deps as D) : parts.handlers;
  if (!definition.consumers) {
    const handled = Object.keys(parts.handlers ?? {}).sort();
    const declared = consumedBy(definition);
    if (handled.join() !== declared.join())
      log.warn({ handled, declared }, 'handlers and declared consumed events differ');
  }
  if (options.consumeEvents !== false && handlers) await events.consume(dataSource, handlers);
  if (options.runJobs !== false) for (const job of parts.jobs ?? []) await events.every(job.name, job.cron, job.run);
  log.info({ url: server.url }, `${definition.name} subgraph ready`);
  return {
    definition,
    runtime,
    server,
    url: server.url,
    stop: async () => {
      await server.stop();
      await events.stop();
      await dataSource.destroy();
    },
  };
}

/** A service's process entry point: configuration, migrations-free start, clean stop on SIGINT/SIGTERM. */
export async function runMain<E extends SubgraphEnv>(definition: ServiceDefinition<E>): Promise<void> {
  const env = loadEnvOrExit(definition.envSchema, definition.name);
  const tracing = env.OTEL_ENABLED ? startTracing({ serviceName: `tandem-${definition.name}` }) : null;
  const running = await runService(
    definition,
    env,
    env.OTEL_ENABLED ? { log: createTracedLogger(definition.name, env.LOG_LEVEL) } : {},
  );
  let stopping = false;
  const stop = async (signal: string) => {
    // Ctrl-C reaches the whole process group and `npm start` also sends SIGTERM: stop once
    if (stopping) return;
    stopping = true;
    running.runtime.log.info({ signal }, `${definition.name} stopping`);
    await running.stop();
    await tracing?.shutdown(); // flushes the spans still batched
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT')); // 'on', not 'once': tsx exits 130 when it sees no other listener
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** A service's migrate entry point (a separate step: `npm start` runs it first, Kubernetes as a Job). */
export async function migrateMain(definition: ServiceDefinition): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(`[${definition.name}] DATABASE_URL: required\n`);
    process.exit(78);
  }
  // RUNTIME_DATABASE_URL: the service's own role (created or updated here, and granted only its schema)
  const applied = await migrateService(definition, url, undefined, { runtimeUrl: process.env.RUNTIME_DATABASE_URL });
  process.stdout.write(
    applied.length ? `${definition.name}: applied ${applied.join(', ')}\n` : `${definition.name}: up to date\n`,
  );
  process.exit(0);
}
