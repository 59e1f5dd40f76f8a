/** The gateway's own Apollo Server plugins: the request log line and the per-subgraph SQL statement count. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from './context';

/** Puts the per-subgraph statement counts in the response's `extensions.sqlStatements`. */
export function sqlCountPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && contextValue.sqlStatements) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: contextValue.sqlStatements,
            };
          }
        },
      };
    },
  };
}

export function requestLog(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          log.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? '(anonymous)',
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors?.length ?? 0,
            },
            'request',
          );
        },
      };
    },
  };
}
