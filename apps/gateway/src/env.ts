import { DEFAULT_PORTS } from '@tandem/contracts';
import { env, z } from '@tandem/config';
import proxyaddr from 'proxy-addr';
import { TRUSTED_DOCUMENTS_MODES } from './trusted-documents';

/** The entries of TRUST_PROXY (none when empty). */
export const trustedProxies = (list: string): string[] =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function validProxyList(list: string): boolean {
  try {
    proxyaddr.compile(trustedProxies(list));
    return true;
  } catch {
    return false;
  }
}

export const gatewayEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: env.port(DEFAULT_PORTS.gateway),
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_SECRET: z.string().min(16, { message: 'must be at least 16 characters (shared with the subgraphs)' }),
    SUPERGRAPH_PATH: z.string().min(1),
    /** PEM (SPKI) public key of identity's token signer, or a path to it in JWT_PUBLIC_KEY_FILE. */
    JWT_PUBLIC_KEY: z.string().optional(),
    JWT_PUBLIC_KEY_FILE: z.string().optional(),
    IDENTITY_URL: z.string().url().optional(),
    MATCHING_URL: z.string().url().optional(),
    RELATIONSHIPS_URL: z.string().url().optional(),
    REPORTING_URL: z.string().url().optional(),
    CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SUPERGRAPH_POLL_MS: z.coerce.number().int().min(100).default(1000),
    // observability (off by default): OpenTelemetry traces out by OTLP/HTTP, Prometheus metrics on /metrics
    OTEL_ENABLED: env.bool(false),
    METRICS_ENABLED: env.bool(false),
    /** Report each subgraph's SQL statement count in `extensions.sqlStatements` (tests, benchmarks; never in production). */
    EXPOSE_SQL_COUNT: env.bool(false),
    /** How long a subgraph call may take before the client gets SERVICE_UNAVAILABLE (the longest mutation, a large audit cycle, takes tens of seconds). */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    /**
     * A query already on its way to a subgraph for the same caller, with the same body, is answered once for both
     * (fetcher.ts: never a mutation, never across people or across the caller's own write). `false` sends each.
     */
    DEDUPE_SUBGRAPH_QUERIES: env.bool(true),
    /**
     * Answers identity declares the same for every participant (an approved mentor's name and headline) are kept
     * and served to other participants until identity signals a change to that person (shared-entities.ts). Needs
     * LIVE_DATABASE_URL (without the signals nothing is kept). `false` fetches every one for its caller.
     */
    SHARE_PUBLIC_ENTITIES: env.bool(true),
    /** The longest access-token lifetime (exp − iat) accepted; identity issues 15-minute tokens. */
    ACCESS_TOKEN_MAX_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    /**
     * Serve each request with the account's current state from identity (roles, organisation, whether its
     * sessions were ended since the token was issued). On in production; off only for tests without identity.
     */
    SESSION_CHECK: env.bool(true),
    /** How long the gateway trusts an account's state (ms): a session ended in identity is refused at most this much later. */
    SESSION_STATE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
    /**
     * Trusted documents (trusted-documents.ts): `off`, `allow` (the default: the apps' manifests serve their
     * hashes, any document is accepted) or `require` (production: callers without an API key may send only the
     * manifests' documents).
     */
    TRUSTED_DOCUMENTS: z.enum(TRUSTED_DOCUMENTS_MODES).default('allow'),
    /** The manifests, comma-separated paths; default the apps' committed `apps/{admin,web}/persisted-documents.json`. */
    TRUSTED_DOCUMENTS_MANIFESTS: z.string().optional(),
    /**
     * The automatic persisted query store shared by every replica (apq-store.ts): Redis when REDIS_URL is set,
     * else PostgreSQL when APQ_DATABASE_URL is, else this process's memory.
     */
    REDIS_URL: z.string().url().optional(),
    APQ_DATABASE_URL: z.string().url().optional(),
    /** How long a registered persisted query is kept (seconds); a client registers it again after. */
    APQ_TTL_SECONDS: z.coerce.number().int().min(1).default(86_400),
    /** The most entries the PostgreSQL store keeps (the latest to expire stay). */
    APQ_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
    /** How long identity's answer about an API key is trusted (ms): a revoked key is refused at most this much later. */
    API_KEY_STATE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
    RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
    /**
     * Calendar feed reads (`GET /calendar/:token.ics`) per client address per minute: calendar apps poll a feed
     * every few minutes to hours, so a higher rate is someone guessing tokens.
     */
    CALENDAR_FEED_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    /**
     * The proxies whose X-Forwarded-For the gateway believes (addresses, CIDR ranges, or proxy-addr's names
     * loopback, linklocal, uniquelocal), comma-separated. Empty by default: the client's address is the
     * socket's, so nobody can pick their own per-address rate-limit bucket with a header.
     */
    /**
     * Live updates (`GET /live`): the database the subgraphs signal on (Postgres LISTEN/NOTIFY; any role that may
     * connect, no table is read). Unset: `/live` answers 503 and the apps poll.
     */
    LIVE_DATABASE_URL: z.string().optional(),
    /** A comment line on every idle stream this often (ms), so proxies keep it open. */
    LIVE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
    /** Each stream's account is checked again this often (ms) besides when identity signals a change. */
    LIVE_RECHECK_MS: z.coerce.number().int().min(100).default(30_000),
    /** Open live streams per account (tabs, devices) on one gateway replica. */
    LIVE_MAX_STREAMS_PER_PERSON: z.coerce.number().int().min(1).default(5),
    TRUST_PROXY: z
      .string()
      .default('')
      .refine(validProxyList, { message: 'must list addresses, CIDR ranges or loopback/linklocal/uniquelocal' }),
  })
  .refine((e) => e.JWT_PUBLIC_KEY || e.JWT_PUBLIC_KEY_FILE, {
    message: 'set JWT_PUBLIC_KEY or JWT_PUBLIC_KEY_FILE',
    path: ['JWT_PUBLIC_KEY'],
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Subgraph URLs by name: from the environment when set, else those written in the supergraph. */
export function subgraphUrlOverrides(e: GatewayEnv): Record<string, string> {
  const map: Record<string, string | undefined> = {
    identity: e.IDENTITY_URL,
    matching: e.MATCHING_URL,
    relationships: e.RELATIONSHIPS_URL,
    reporting: e.REPORTING_URL,
  };
  return Object.fromEntries(Object.entries(map).filter((kv): kv is [string, string] => !!kv[1]));
}
