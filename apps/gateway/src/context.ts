import type { Locale, Principal } from '@tandem/contracts';

/** What a request carries from the gateway's HTTP layer into the query plan and to every subgraph call. */
export interface GatewayContext {
  principal: Principal | null;
  requestId: string;
  clientIp: string | null;
  /** The caller's language, negotiated from `Accept-Language`: subgraphs answer refusals and documents in it. */
  locale?: Locale;
  /** SQL statements per subgraph for this request (EXPOSE_SQL_COUNT: tests and benchmarks). */
  sqlStatements?: Record<string, number>;
}
