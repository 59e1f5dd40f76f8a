/**
 * Configuration from the environment: one zod schema per service, parsed once at start.
 * A bad or missing variable stops the process with every problem listed, not just the first.
 */
import { z } from 'zod';

export { z };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `source` (default: process.env) with `schema`; throws a ConfigError naming every bad variable. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** For a service's main: parse or print the problems and exit. */
export function loadEnvOrExit<S extends z.ZodType>(schema: S, service: string): z.infer<S> {
  try {
    return parseEnv(schema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${service}] ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const env = { port, bool };

/** What every subgraph needs. Services extend it with their own variables. */
export function subgraphEnvSchema(defaultPort: number) {
  return z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url({ message: 'must be a postgres:// connection string' }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // named prepared statements (off only behind a transaction-mode pooler without prepared-statement support)
    DATABASE_PREPARED_STATEMENTS: bool(true),
    GATEWAY_SECRET: z.string().min(16, { message: 'must be at least 16 characters (shared with the gateway)' }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    EVENT_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(0.5),
    // for the suite's slowed-consumer run only: a pause before each batch of consumed events is applied
    EVENT_CONSUMER_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    EXPOSE_SQL_COUNT: bool(false),
    // observability (off by default): OpenTelemetry traces out by OTLP/HTTP, Prometheus metrics on /metrics
    OTEL_ENABLED: bool(false),
    METRICS_ENABLED: bool(false),
  });
}
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
