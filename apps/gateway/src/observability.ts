/**
 * The gateway's traces and metrics, off by default (OTEL_ENABLED=true, METRICS_ENABLED=true).
 * Tracing: a SERVER span per `/graphql` request (continuing a client's `traceparent` if it sent one),
 * @apollo/gateway's own plan/execute/fetch spans (it reports to the registered provider), and a CLIENT
 * span per subgraph fetch whose W3C `traceparent` goes out with the fetch, so each subgraph's spans join
 * the same trace. These spans are made by hand (no module patching), so they work whatever the load order;
 * the http/express auto-instrumentations are added when `startGatewayTracing` runs before those modules load.
 * Metrics: Prometheus on `/metrics` (requests, errors and latency by operation; subgraph fetch latency; the shared
 * answers' hits, misses and forgets).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type express from 'express';
import type { NodeMiddleware } from '@tandem/http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SharedEntities } from './shared-entities';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const tracer = () => trace.getTracer('tandem-gateway');

let provider: NodeTracerProvider | null = null;

/** Registers the process's tracer provider once; spans leave by OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT). */
export function startGatewayTracing(
  options: { serviceName?: string; spanProcessor?: SpanProcessor; autoInstrument?: boolean } = {},
) {
  if (!provider) {
    provider = new NodeTracerProvider({
      resource: new Resource({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'tandem-gateway' }),
      spanProcessors: [options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
    });
    provider.register();
    if (options.autoInstrument !== false) {
      registerInstrumentations({
        tracerProvider: provider,
        instrumentations: [
          new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') }),
          new ExpressInstrumentation(),
        ],
      });
    }
  }
  const current = provider;
  return {
    provider: current,
    shutdown: async () => {
      provider = null;
      // flush what is batched, but never let an unreachable collector block or fail the shutdown
      await Promise.race([current.shutdown(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]).catch(
        () => {},
      );
    },
  };
}

/** The active span's ids for log lines (pino `mixin`). */
export function traceLogFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Operation names come from clients: bounded, so a label can never explode. */
function operationLabel(seen: Set<string>, name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return '(invalid)';
  if (seen.has(name)) return name;
  if (seen.size >= 200) return '(other)';
  seen.add(name);
  return name;
}

/** What the data source of one subgraph calls around each fetch. */
export interface SubgraphFetchObserver {
  /** Runs the fetch inside a CLIENT span (and times it). */
  fetch<T>(run: () => Promise<T>): Promise<T>;
  /** Writes the active trace context (`traceparent`) into the outgoing headers. */
  inject(headers: { set(name: string, value: string): unknown } | undefined): void;
}

export class GatewayObservability {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests?: Counter<'operation'>;
  private readonly errors?: Counter<'operation' | 'code'>;
  private readonly duration?: Histogram<'operation'>;
  private readonly fetches?: Histogram<'subgraph' | 'outcome'>;

  constructor(readonly options: { tracing: boolean; metrics: boolean }) {
    if (!options.metrics) return;
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service: 'gateway' });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'tandem_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name.',
      labelNames: ['operation'],
      registers,
    });
    this.errors = new Counter({
      name: 'tandem_graphql_errors_total',
      help: 'GraphQL requests answered with errors, by operation name and first error code.',
      labelNames: ['operation', 'code'],
      registers,
    });
    this.duration = new Histogram({
      name: 'tandem_graphql_request_duration_seconds',
      help: 'GraphQL request latency, by operation name.',
      labelNames: ['operation'],
      buckets: BUCKETS,
      registers,
    });
    this.fetches = new Histogram({
      name: 'tandem_gateway_subgraph_fetch_duration_seconds',
      help: 'Latency of the fetches the query plans make to each subgraph.',
      labelNames: ['subgraph', 'outcome'],
      buckets: BUCKETS,
      registers,
    });
  }

  /**
   * The shared answers' counters (shared-entities.ts), read at each scrape: people answered from them or asked of
   * identity, PERSON signals heard, answers held now.
   */
  shareAnswers(shared: Pick<SharedEntities, 'counts' | 'size'>): void {
    if (!this.options.metrics) return;
    const registers = [this.registry];
    const seen = { hits: 0, misses: 0, forgotten: 0 };
    const lookups = new Counter({
      name: 'tandem_gateway_shared_answers_total',
      help: 'People in entity fetches answered from the shared answers (hit) or asked of identity (miss).',
      labelNames: ['outcome'],
      registers,
      collect() {
        lookups.inc({ outcome: 'hit' }, shared.counts.hits - seen.hits);
        lookups.inc({ outcome: 'miss' }, shared.counts.misses - seen.misses);
        seen.hits = shared.counts.hits;
        seen.misses = shared.counts.misses;
      },
    });
    const forgotten = new Counter({
      name: 'tandem_gateway_shared_answers_forgotten_total',
      help: "Changes to people heard from identity (PERSON signals): each forgets that person's shared answers.",
      registers,
      collect() {
        forgotten.inc(shared.counts.forgotten - seen.forgotten);
        seen.forgotten = shared.counts.forgotten;
      },
    });
    new Gauge({
      name: 'tandem_gateway_shared_answers_kept',
      help: 'Shared answers held now (a person per fetch that asked for them).',
      registers,
      collect() {
        this.set(shared.size);
      },
    });
  }

  /** `/metrics`. */
  mount(app: express.Express): void {
    if (this.options.metrics) {
      app.get('/metrics', async (_req, res) => {
        res.setHeader('content-type', this.registry.contentType);
        res.end(await this.registry.metrics());
      });
    }
  }

  /** The SERVER span around a `/graphql` request (first of its steps), when tracing is on. */
  middleware(): NodeMiddleware[] {
    if (!this.options.tracing) return [];
    return [
      (req, res, next) => {
        const active = context.active();
        const parent = trace.getSpan(active) ? active : propagation.extract(active, req.headers);
        const span = tracer().startSpan(
          'gateway POST /graphql',
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'tandem.service': 'gateway' } },
          parent,
        );
        res.once('finish', () => {
          span.setAttribute('http.response.status_code', res.statusCode);
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
        context.with(trace.setSpan(parent, span), next);
      },
    ];
  }

  plugins(): ApolloServerPlugin[] {
    const plugins: ApolloServerPlugin[] = [];
    if (this.options.tracing) {
      plugins.push({
        async requestDidStart() {
          const span = trace.getActiveSpan();
          return {
            async didResolveOperation({ operationName, operation }) {
              span?.setAttribute('graphql.operation.name', operationName ?? '(anonymous)');
              span?.updateName(`gateway ${operation?.operation ?? 'graphql'} ${operationName ?? '(anonymous)'}`);
            },
            async willSendResponse({ errors }) {
              if (errors?.length) span?.setStatus({ code: SpanStatusCode.ERROR, message: errors[0].message });
            },
          };
        },
      });
    }
    if (this.options.metrics) {
      const [requests, errors, duration, operations] = [this.requests!, this.errors!, this.duration!, this.operations];
      plugins.push({
        async requestDidStart() {
          const stop = duration.startTimer();
          return {
            async willSendResponse({ operationName, errors: errs }) {
              const operation = operationLabel(operations, operationName);
              stop({ operation });
              requests.inc({ operation });
              if (errs?.length)
                errors.inc({ operation, code: String(errs[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
            },
          };
        },
      });
    }
    return plugins;
  }

  /** The observer for one subgraph's data source, or undefined when both are off. */
  subgraph(name: string): SubgraphFetchObserver | undefined {
    const { tracing } = this.options;
    const fetches = this.fetches;
    if (!tracing && !fetches) return undefined;
    return {
      async fetch<T>(run: () => Promise<T>): Promise<T> {
        const stop = fetches?.startTimer({ subgraph: name });
        const traced = <R>(fn: () => Promise<R>) =>
          tracing
            ? tracer().startActiveSpan(
                `gateway -> ${name}`,
                { kind: SpanKind.CLIENT, attributes: { 'tandem.subgraph': name } },
                async (span) => {
                  try {
                    return await fn();
                  } catch (error) {
                    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
                    throw error;
                  } finally {
                    span.end();
                  }
                },
              )
            : fn();
        try {
          const result = await traced(run);
          stop?.({ outcome: 'ok' });
          return result;
        } catch (error) {
          stop?.({ outcome: 'error' });
          throw error;
        }
      },
      inject(headers) {
        if (!tracing || !headers) return;
        propagation.inject(context.active(), headers, { set: (carrier, key, value) => void carrier.set(key, value) });
      },
    };
  }
}
