import type { Principal } from '@tandem/contracts';

/** What a request carries from the gateway's HTTP layer into the query plan and to every subgraph call. */
export interface GatewayContext {
  principal: Principal | null;
  requestId: string;
  clientIp: string | null;
  /** SQL statements per subgraph for this request (EXPOSE_SQL_COUNT: tests and benchmarks). */
  sqlStatements?: Record<string, number>;
}
