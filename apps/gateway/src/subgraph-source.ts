/**
 * The call to one subgraph: the shared secret, the request id, the caller's principal, address and language, the
 * trace context, and the SQL statement count coming back.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { HEADERS, encodePrincipal, type Principal } from '@tandem/contracts';
import type { GatewayContext } from './context';
import type { Fetcher } from './fetcher';
import type { SubgraphFetchObserver } from './observability';

/** The principal header of a request, encoded once however many subgraph calls its plan makes. */
const principalHeaders = new WeakMap<Principal, string>();
function encodedPrincipal(principal: Principal): string {
  let header = principalHeaders.get(principal);
  if (header === undefined) principalHeaders.set(principal, (header = encodePrincipal(principal)));
  return header;
}

export class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    private readonly observe?: SubgraphFetchObserver,
    private readonly name = '',
    fetcher?: Fetcher,
  ) {
    super(fetcher ? { url, fetcher } : { url });
  }

  /** Adds up the SQL statements each subgraph ran for this request (when subgraphs report them). */
  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
    const counted = response.http?.headers.get(HEADERS.sqlStatements);
    const sql = (context as Partial<GatewayContext>).sqlStatements;
    if (counted && sql) sql[this.name] = (sql[this.name] ?? 0) + Number(counted);
    return response;
  }

  /** Each subgraph fetch in a CLIENT span (and timed) when observability is on. */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return this.observe ? this.observe.fetch(() => super.process(options)) : super.process(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    request.http?.headers.set(HEADERS.gatewaySecret, this.secret);
    const ctx = context as Partial<GatewayContext>;
    if (ctx.requestId) request.http?.headers.set(HEADERS.requestId, ctx.requestId);
    if (ctx.principal) request.http?.headers.set(HEADERS.principal, encodedPrincipal(ctx.principal));
    if (ctx.clientIp) request.http?.headers.set(HEADERS.clientIp, ctx.clientIp);
    if (ctx.locale) request.http?.headers.set(HEADERS.locale, ctx.locale);
    this.observe?.inject(request.http?.headers); // W3C traceparent, so the subgraph's spans join the trace
  }
}
