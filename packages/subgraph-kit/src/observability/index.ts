/**
 * Traces and metrics for subgraphs, both off by default: OTEL_ENABLED=true, METRICS_ENABLED=true.
 * `observeSubgraph` is what the server mounts; `startTracing` is called once per process by runMain.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import type { NodeMiddleware } from '@tandem/http';
import { traceRequests, tracingPlugin } from './tracing';
import type { SubgraphMetrics } from './metrics';

export * from './tracing';
export * from './metrics';
export * from './logging';

export interface SubgraphObservability {
  /** Prepended to the `/graphql` middleware chain. */
  middleware: NodeMiddleware[];
  plugins: ApolloServerPlugin[];
  /** Mounts `/metrics` (when metrics are on). */
  mount(app: express.Express): void;
}

export function observeSubgraph(options: {
  name: string;
  tracing?: boolean;
  metrics?: SubgraphMetrics;
}): SubgraphObservability {
  const { metrics } = options;
  return {
    middleware: options.tracing ? [traceRequests(options.name)] : [],
    plugins: [...(options.tracing ? [tracingPlugin()] : []), ...(metrics ? [metrics.plugin()] : [])],
    mount(app) {
      if (metrics) app.get('/metrics', metrics.handler());
    },
  };
}
