/**
 * OpenTelemetry tracing for a subgraph process (on with OTEL_ENABLED=true). Spans leave by OTLP/HTTP
 * (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318), trace context travels as W3C
 * `traceparent`. The spans that make one trace cross the gateway into a subgraph and down to Postgres are
 * created by hand (`traceRequests`, `tracingPlugin`, `tracePg`): they work whatever the module load order.
 * The http/express/pg auto-instrumentations are registered too, but they patch only modules `require`d
 * after `startTracing` (TypeORM loads pg lazily, so pg is covered; express imported as ESM is not): the
 * manual spans do not depend on the load order, which is also why the tests use them.
 */
import { context, propagation, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeMiddleware } from '@tandem/http';
import pg from 'pg';
import { clientOperationName } from './metrics';

export interface TracingOptions {
  /** Resource service.name, e.g. `tandem-identity`. */
  serviceName: string;
  /** Where spans go (default: batched OTLP/HTTP export). Tests pass a SimpleSpanProcessor(InMemorySpanExporter). */
  spanProcessor?: SpanProcessor;
  /** Also register the http/express/pg auto-instrumentations (default true). */
  autoInstrument?: boolean;
}

export interface Tracing {
  provider: NodeTracerProvider;
  shutdown(): Promise<void>;
}

let installed: Tracing | null = null;

/** Registers the process-wide tracer provider once (W3C trace context, AsyncLocalStorage context). */
export function startTracing(options: TracingOptions): Tracing {
  if (installed) return installed;
  const provider = new NodeTracerProvider({
    resource: new Resource({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const unregister =
    options.autoInstrument === false
      ? () => {}
      : registerInstrumentations({
          tracerProvider: provider,
          instrumentations: [
            new HttpInstrumentation({
              ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)/.test(req.url ?? ''),
            }),
            new ExpressInstrumentation(),
            new PgInstrumentation({ requireParentSpan: true }),
          ],
        });
  installed = {
    provider,
    shutdown: async () => {
      unregister();
      installed = null;
      // flush what is batched, but never let an unreachable collector block or fail the shutdown
      await Promise.race([provider.shutdown(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]).catch(
        () => {},
      );
    },
  };
  return installed;
}

const tracerOf = (service: string) => trace.getTracer(`tandem-${service}`);

/**
 * The first step of `/graphql` (`@tandem/http`): continues the caller's trace (W3C `traceparent` from the gateway) in
 * a SERVER span, or nests under the http auto-instrumentation's span when that one is active.
 */
export function traceRequests(service: string): NodeMiddleware {
  const tracer = tracerOf(service);
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const active = context.active();
    const parent = trace.getSpan(active) ? active : propagation.extract(active, req.headers);
    const span = tracer.startSpan(
      `${service} ${req.method} /graphql`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.url, 'tandem.service': service },
      },
      parent,
    );
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Names the request's span after the GraphQL operation and records its errors. */
export function tracingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      return {
        async didResolveOperation({ operationName, operation }) {
          const name = clientOperationName(operationName) ?? '(anonymous)';
          span?.setAttribute('graphql.operation.name', name);
          if (operationName) span?.setAttribute('graphql.subgraph.operation', operationName);
          span?.setAttribute('graphql.operation.type', operation?.operation ?? 'unknown');
          span?.updateName(`${operation?.operation ?? 'graphql'} ${name}`);
        },
        async willSendResponse({ errors }) {
          if (errors?.length) {
            span?.setAttribute('graphql.errors', errors.length);
            span?.setStatus({ code: SpanStatusCode.ERROR, message: errors[0].message });
          }
        },
      };
    },
  };
}

type QueryFn = (...args: unknown[]) => unknown;
const WRAPPED = Symbol.for('tandem.pg.traced');

/**
 * A CLIENT span per SQL statement issued while a traced request is active (pg-boss's polling, which has
 * no parent span, is not traced). Skipped when the pg auto-instrumentation already patched the driver.
 */
export function tracePg(): void {
  const proto = pg.Client.prototype as unknown as Record<string | symbol, unknown> & {
    query: QueryFn & { __wrapped?: boolean };
  };
  if (proto[WRAPPED] || proto.query.__wrapped) return;
  const original = proto.query;
  const tracer = trace.getTracer('tandem-pg');
  proto.query = function tracedQuery(this: unknown, ...args: unknown[]) {
    const parent = context.active();
    if (!trace.getSpan(parent)) return original.apply(this, args);
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const span: Span = tracer.startSpan(
      `pg ${text.trimStart().split(/\s+/, 1)[0]?.toUpperCase() || 'query'}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': 'postgresql', 'db.statement': text.slice(0, 500) },
      },
      parent,
    );
    const done = (error?: unknown) => {
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      span.end();
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, error: unknown, ...rest: unknown[]) {
        done(error);
        return (last as QueryFn).call(this, error, ...rest);
      };
    }
    try {
      const result = context.with(trace.setSpan(parent, span), () => original.apply(this, args));
      if (typeof last !== 'function') {
        if (result && typeof (result as Promise<unknown>).then === 'function')
          (result as Promise<unknown>).then(() => done(), done);
        else done(); // a submittable (stream): the span covers its submission only
      }
      return result;
    } catch (error) {
      done(error);
      throw error;
    }
  };
  proto[WRAPPED] = true;
}

/** The active span's ids for log lines (pino mixin). */
export function traceLogFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
