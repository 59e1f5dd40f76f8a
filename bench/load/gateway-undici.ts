/**
 * An experiment for `npm run bench -- --undici-fetcher`: Tandem's gateway, unchanged, except that its subgraph
 * data sources fetch with Node's built-in fetch (undici, kept-alive connections) instead of @apollo/gateway's
 * default make-fetch-happen. Measures what that one-line change in apps/gateway would be worth.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';

Object.defineProperty(RemoteGraphQLDataSource.prototype, 'fetcher', {
  configurable: true,
  get: () => globalThis.fetch,
  set: () => {},
});
await import('../../apps/gateway/src/main');
