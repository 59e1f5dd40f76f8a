/**
 * Prometheus metrics for a subgraph (on with METRICS_ENABLED=true), served on `/metrics` with prom-client:
 * GraphQL requests, errors and latency by operation name; the TypeORM pg pool's connections
 * (total/idle/waiting); the service's event inbox depth by state and the age of its oldest waiting event.
 * Each service gets its own registry, so several can share a process (tests) without clashing.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const MAX_OPERATIONS = 200;

/**
 * The client's operation name behind a subgraph fetch: the gateway's query planner names them
 * `<Operation>__<subgraph>__<n>`, so without this each fetch of one operation would be its own series.
 */
export function clientOperationName(name: string | null | undefined): string | null {
  return name ? name.replace(/__[A-Za-z0-9_]+?__\d+$/, '') : null;
}

/** Operation names come from clients: bounded, so a label can never explode. */
export class OperationLabels {
  private readonly seen = new Set<string>();
  label(raw: string | null | undefined): string {
    const name = clientOperationName(raw);
    if (!name) return '(anonymous)';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return '(invalid)';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_OPERATIONS) return '(other)';
    this.seen.add(name);
    return name;
  }
}

export interface GraphQLRequestMetrics {
  requests: Counter<'operation'>;
  errors: Counter<'operation' | 'code'>;
  duration: Histogram<'operation'>;
}

/** The request metrics every GraphQL server here exports (subgraphs and the gateway alike). */
export function graphqlRequestMetrics(registry: Registry): GraphQLRequestMetrics {
  return {
    requests: new Counter({
      name: 'tandem_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name.',
      labelNames: ['operation'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'tandem_graphql_errors_total',
      help: 'GraphQL requests answered with errors, by operation name and first error code.',
      labelNames: ['operation', 'code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'tandem_graphql_request_duration_seconds',
      help: 'GraphQL request latency, by operation name.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  };
}

/** Apollo Server plugin feeding `graphqlRequestMetrics`. */
export function metricsPlugin(metrics: GraphQLRequestMetrics, labels = new OperationLabels()): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.duration.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          const operation = labels.label(operationName);
          stop({ operation });
          metrics.requests.inc({ operation });
          if (errors?.length)
            metrics.errors.inc({ operation, code: String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsHandler(registry: Registry): RequestHandler {
  return async (_req: Request, res: Response) => {
    try {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    } catch (error) {
      res.status(500).end(String(error));
    }
  };
}

interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export interface SubgraphMetricsOptions {
  service: string;
  dataSource: DataSource;
  /** The pg-boss inbox queue to watch (default `<service>_inbox`). */
  inbox?: string;
  /** Node process metrics (CPU, memory, event loop lag); default true. */
  processMetrics?: boolean;
}

export class SubgraphMetrics {
  readonly registry = new Registry();
  readonly requests: GraphQLRequestMetrics;

  constructor(options: SubgraphMetricsOptions) {
    const { dataSource } = options;
    const inbox = options.inbox ?? `${options.service}_inbox`;
    this.registry.setDefaultLabels({ service: options.service });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.requests = graphqlRequestMetrics(this.registry);

    new Gauge({
      name: 'tandem_db_pool_connections',
      help: "Connections of the service's Postgres pool, by state (total, idle, waiting = callers queued for one).",
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { master?: PgPoolCounts }).master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });

    // one query per scrape feeds both queue gauges
    let pending: Promise<Array<{ state: string; n: number; age: number | null }>> | null = null;
    const queueRows = () => {
      pending ??= (
        dataSource.isInitialized
          ? dataSource.query(
              `SELECT state::text AS state, count(*)::int AS n, extract(epoch FROM now() - min(created_on))::float8 AS age
               FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') GROUP BY state`,
              [inbox],
            )
          : Promise.resolve([])
      ).finally(() => setTimeout(() => (pending = null), 0));
      return pending.catch(() => []);
    };
    new Gauge({
      name: 'tandem_event_queue_jobs',
      help: "Events waiting in or being processed from the service's inbox, by state (created, retry, active).",
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const rows = await queueRows();
        for (const state of ['created', 'retry', 'active'])
          this.set({ queue: inbox, state }, rows.find((r) => r.state === state)?.n ?? 0);
      },
    });
    new Gauge({
      name: 'tandem_event_queue_oldest_age_seconds',
      help: "Age of the oldest event not yet applied from the service's inbox (0 when empty).",
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        const rows = await queueRows();
        const ages = rows.map((r) => r.age ?? 0);
        this.set({ queue: inbox }, ages.length ? Math.max(...ages) : 0);
      },
    });
  }

  plugin(): ApolloServerPlugin {
    return metricsPlugin(this.requests);
  }

  handler(): RequestHandler {
    return metricsHandler(this.registry);
  }
}
