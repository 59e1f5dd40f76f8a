import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, subgraphEnvSchema } from '../src';

describe(parseEnv.name, () => {
  it('should list every bad or missing variable at once', () => {
    try {
      parseEnv(subgraphEnvSchema(4001), { PORT: 'ninety', GATEWAY_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT:/m);
      expect(problems).toMatch(/^DATABASE_URL:/m);
      expect(problems).toMatch(/^GATEWAY_SECRET: must be at least 16 characters/m);
    }
  });

  it('should apply defaults when the environment is valid', () => {
    const env = parseEnv(subgraphEnvSchema(4001), {
      DATABASE_URL: 'postgres://u@localhost/db',
      GATEWAY_SECRET: 'x'.repeat(20),
    });
    expect(env).toMatchObject({ PORT: 4001, NODE_ENV: 'development', DATABASE_POOL_SIZE: 10, EXPOSE_SQL_COUNT: false });
  });
});
