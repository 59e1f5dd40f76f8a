/**
 * An experiment for `npm run bench -- --undici-fetcher`: Tandem's gateway, unchanged, except that its subgraph
 * data sources fetch with Node's built-in fetch (undici, kept-alive connections, asking for gzip) instead of
 * the gateway's own node:http fetcher (apps/gateway/src/fetcher.ts, which replaced @apollo/gateway's default
 * make-fetch-happen). Measures what undici would be worth instead.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';

Object.defineProperty(RemoteGraphQLDataSource.prototype, 'fetcher', {
  configurable: true,
  get: () => globalThis.fetch,
  set: () => {},
});
await import('../../apps/gateway/src/main');
