import { describe, expect, it } from 'vitest';
import { gatewayEnvSchema, trustedProxies } from '../src/env';

const base = { GATEWAY_SECRET: 'x'.repeat(16), SUPERGRAPH_PATH: 'supergraph.graphql', JWT_PUBLIC_KEY: 'pem' };

describe('TRUST_PROXY', () => {
  it('should trust no proxy by default', () => {
    expect(trustedProxies(gatewayEnvSchema.parse(base).TRUST_PROXY)).toEqual([]);
  });

  it('should take addresses, ranges and proxy-addr names, and refuse anything else by name', () => {
    const env = gatewayEnvSchema.parse({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.1' });
    expect(trustedProxies(env.TRUST_PROXY)).toEqual(['loopback', '10.0.0.0/8', '192.0.2.1']);
    const bad = gatewayEnvSchema.safeParse({ ...base, TRUST_PROXY: 'everyone' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['TRUST_PROXY']);
  });
});
