/**
 * The call to one subgraph: the shared secret, the request id, the caller's principal, address and language, the
 * trace context, and the SQL statement count coming back.
 *
 * `process` is @apollo/gateway's RemoteGraphQLDataSource.process without its node-fetch layer: that one copies the
 * headers into a node-fetch `Headers`, back into an object, and builds a node-fetch `Request` (which url.parse()s the
 * subgraph's URL) only to hand it to error hooks nobody overrides here; about a tenth of the gateway's CPU on a
 * one-subgraph query. The rest is the same: the same JSON body, the fetcher, a non-2xx answer turned into the same
 * error (`errorFromResponse`), the body parsed as JSON, the subgraph's Cache-Control applied to the response's cache
 * policy, `didReceiveResponse`. No APQ to subgraphs (`apq` is off, as it was).
 *
 * identity's data source also answers a participant's entity fetch from the answers identity declared shared
 * (shared-entities.ts), asking identity only for the people it does not hold.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { HEADERS, SHARED_ENTITIES_EXTENSION, encodePrincipal, type Principal } from '@tandem/contracts';
import type { GatewayContext } from './context';
import type { Fetcher } from './fetcher';
import type { SubgraphFetchObserver } from './observability';
import type { SharedEntities } from './shared-entities';

/** The principal header of a request, encoded once however many subgraph calls its plan makes. */
const principalHeaders = new WeakMap<Principal, string>();
function encodedPrincipal(principal: Principal): string {
  let header = principalHeaders.get(principal);
  if (header === undefined) principalHeaders.set(principal, (header = encodePrincipal(principal)));
  return header;
}

/** A cache hint from a subgraph's Cache-Control header, as @apollo/gateway reads it (`no-store` is max-age 0). */
function cacheHint(header: string | null): { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } {
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=');
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The person a representation stands for (`{ __typename: 'User', id }` and nothing else), or null. */
function personOf(representation: unknown): string | null {
  if (!isObject(representation) || representation.__typename !== 'User') return null;
  const { id } = representation;
  return typeof id === 'string' && Object.keys(representation).length === 2 ? id : null;
}

export class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    private readonly observe?: SubgraphFetchObserver,
    private readonly name = '',
    fetcher?: Fetcher,
    /** identity's data source only: the answers shared between participants (shared-entities.ts). */
    private readonly shared?: SharedEntities,
  ) {
    super(fetcher ? { url, fetcher, apq: false } : { url, apq: false });
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
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    return this.observe ? this.observe.fetch(() => this.send(options)) : this.send(options);
  }

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    const shared = this.shared;
    const representations = request.variables?.representations;
    if (shared && Array.isArray(representations) && shared.serves((context as Partial<GatewayContext>).principal))
      return this.sendSharing(options, representations, shared);
    return this.exchange(options, request);
  }

  /**
   * An entity fetch for a participant: the people kept from earlier answers (shared-entities.ts) are answered
   * from there, the rest fetched for this caller; what identity declares shared in that answer is kept.
   */
  private async sendSharing(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    representations: unknown[],
    shared: SharedEntities,
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const fetch = request.query!;
    const answers: unknown[] = new Array(representations.length);
    const missing: number[] = [];
    representations.forEach((r, i) => {
      const id = personOf(r);
      const kept = id === null ? undefined : shared.get(fetch, id);
      if (kept) answers[i] = kept;
      else missing.push(i);
    });
    if (missing.length === 0) {
      // what identity would have said of its answer (subgraphs answer no-store)
      this.policyOf(options)?.restrict({ maxAge: 0 });
      return { data: { _entities: answers } };
    }
    const mark = shared.mark;
    const partial = missing.length < representations.length;
    const asked = partial
      ? { ...request, variables: { ...request.variables, representations: missing.map((i) => representations[i]) } }
      : request;
    // the mark travels as a header, so this call never joins one sent before a change (the fetcher's deduplication
    // matches headers): an answer read before the change could otherwise be kept under this call's later mark
    const response = await this.exchange(options, asked, String(mark));
    const fetched = (response.data as { _entities?: unknown } | null | undefined)?._entities;
    const sharedAt = response.extensions?.[SHARED_ENTITIES_EXTENSION];
    if (Array.isArray(fetched) && Array.isArray(sharedAt)) {
      for (const j of sharedAt) {
        const id = typeof j === 'number' ? personOf(representations[missing[j]]) : null;
        if (id !== null && fetched[j] != null) shared.keep(fetch, id, fetched[j], mark);
      }
    }
    if (!partial) return response;
    // back in the positions the plan asked for: the answers, and the errors' paths
    if (Array.isArray(fetched)) missing.forEach((i, j) => (answers[i] = fetched[j]));
    const errors = response.errors?.map((e) =>
      e.path?.[0] === '_entities' && typeof e.path[1] === 'number'
        ? { ...e, path: ['_entities', missing[e.path[1]] ?? e.path[1], ...e.path.slice(2)] }
        : e,
    );
    return {
      ...response,
      data: Array.isArray(fetched) ? { ...response.data, _entities: answers } : response.data,
      ...(errors ? { errors } : {}),
    };
  }

  private policyOf(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const incoming = 'incomingRequestContext' in options ? options : undefined;
    const policy = incoming?.incomingRequestContext.overallCachePolicy;
    return this.honorSubgraphCacheControlHeader && policy && 'restrict' in policy ? policy : undefined;
  }

  /** One call to the subgraph with this request. */
  private async exchange(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    request: GraphQLDataSourceProcessOptions<GatewayContext>['request'],
    sharedGeneration?: string,
  ): Promise<GatewayGraphQLResponse> {
    const { context } = options;
    const headers = this.headersFor(request.http?.headers, context as Partial<GatewayContext>);
    if (sharedGeneration !== undefined) headers[HEADERS.sharedGeneration] = sharedGeneration;
    const { http: _http, ...sent } = request;
    const response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify(sent) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (!isObject(body)) throw new Error(`Expected JSON response body, but received: ${body}`);
    const received: GatewayGraphQLResponse = { ...body, http: response };
    // a query of the plan (not a health check): its client request's cache policy, and where in it this answer goes
    this.policyOf(options)?.restrict(cacheHint(response.headers.get('cache-control')));
    const incoming = 'incomingRequestContext' in options ? options : undefined;
    return this.didReceiveResponse({
      response: received,
      request,
      context,
      pathInIncomingRequest: incoming?.pathInIncomingRequest,
    });
  }

  /** What every subgraph call carries (names in lower case, as the fetcher and its deduplication read them). */
  private headersFor(
    planned: Iterable<[string, string]> | undefined,
    ctx: Partial<GatewayContext>,
  ): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of planned ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers[HEADERS.gatewaySecret] = this.secret;
    if (ctx.requestId) headers[HEADERS.requestId] = ctx.requestId;
    if (ctx.principal) headers[HEADERS.principal] = encodedPrincipal(ctx.principal);
    if (ctx.clientIp) headers[HEADERS.clientIp] = ctx.clientIp;
    if (ctx.locale) headers[HEADERS.locale] = ctx.locale;
    // W3C traceparent, so the subgraph's spans join the trace
    this.observe?.inject({ set: (name: string, value: string) => (headers[name.toLowerCase()] = value) });
    return headers;
  }
}
