/** Hostile and heavy queries are refused at the gateway: each limit just under and just over. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { LIMITS } from '../../apps/gateway/src/security';
import { probe, probeCalls } from '../support/probe-service';

let stack: Stack;
const caller = principal('MENTEE');

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [probe] });
});
afterAll(async () => {
  await stack?.stop();
});

/** `probe { next { next { … id } } }` with `levels` selections of `next`: depth = levels + 2. */
const chain = (levels: number) => `{ probe { ${'next { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

describe('gateway limits', () => {
  it('should answer a query at the depth limit and refuse one level deeper', async () => {
    const ok = await stack.gql(chain(LIMITS.depth - 2), {}, { as: caller });
    expect(ok.errors).toBeUndefined();
    const deep = await stack.gql(chain(LIMITS.depth - 1), {}, { as: caller });
    expect(code(deep)).toBe('BAD_USER_INPUT');
    expect(deep.errors?.[0].message).toMatch(/depth/i);
  });

  it('should allow the alias limit and refuse one alias more', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: echo(text: "x")`).join(' ')} }`;
    expect((await stack.gql(aliases(LIMITS.aliases), {}, { as: caller })).errors).toBeUndefined();
    const over = await stack.gql(aliases(LIMITS.aliases + 1), {}, { as: caller });
    expect(code(over)).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0].message).toMatch(/alias/i);
  });

  it('should allow the directive limit and refuse one directive more', async () => {
    const directives = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `d${i}: echo(text: "x") @include(if: true)`).join(' ')} }`;
    expect((await stack.gql(directives(LIMITS.directives), {}, { as: caller })).errors).toBeUndefined();
    const over = await stack.gql(directives(LIMITS.directives + 1), {}, { as: caller });
    expect(code(over)).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0].message).toMatch(/directive/i);
  });

  it('should refuse a query with more tokens than the limit', async () => {
    // `{ count(values: []) }` is 9 tokens; each value one more
    const tokens = (n: number) => `{ count(values: [${'1 '.repeat(n - 9)}]) }`;
    expect((await stack.gql(tokens(LIMITS.tokens), {}, { as: caller })).errors).toBeUndefined();
    const over = await stack.gql(tokens(LIMITS.tokens + 1), {}, { as: caller });
    expect(code(over)).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0].message).toMatch(/token/i);
  });

  it('should count page sizes in the cost it returns: first: 100 costs more than first: 10, from a literal or a variable', async () => {
    type Costed = { extensions?: { cost?: { estimated: number; actual: number; limit: number } } };
    const costOf = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(caller)}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Costed & { errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.extensions!.cost!;
    };
    // the probe 1, the connection 1, each edge 1 and its node 1
    const page = (first: string) => `{ probe { children(first: ${first}) { edges { node { id } } } } }`;
    expect(await costOf(page('10'))).toEqual({ estimated: 22, actual: 22, limit: LIMITS.cost });
    expect(await costOf(page('100'))).toEqual({ estimated: 202, actual: 202, limit: LIMITS.cost });
    expect(await costOf(`query ($n: Int) ${page('$n')}`, { n: 50 })).toEqual({
      estimated: 102,
      actual: 102,
      limit: LIMITS.cost,
    });
    // no first: the kit's default page of 20
    expect((await costOf(`{ probe { children { edges { node { id } } } } }`)).estimated).toBe(42);
  });

  it('should refuse, before any subgraph is called, a query whose estimated cost is over the budget', async () => {
    const nested = (inner: number) =>
      `{ probe { children(first: 100) { edges { node { children(first: ${inner}) { edges { node { id } } } } } } } }`;
    // 2 + 100 × (1 + 1 + 1 + inner × 2): 98 inner is 19,902, 99 is 20,102 over the 20,000 budget
    const under = await stack.gql(nested(98), {}, { as: caller });
    expect(under.errors).toBeUndefined();
    const before = probeCalls.children;
    const over = await stack.gql(nested(99), {}, { as: caller });
    expect(code(over)).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0].message).toMatch(/estimated cost is 20102, over the budget of 20000/);
    expect(over.errors?.[0].extensions).toMatchObject({
      limit: 'cost',
      cost: { estimated: 20102, limit: LIMITS.cost },
    });
    expect(probeCalls.children).toBe(before);
  });

  it('should refuse batched operations', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(caller)}` },
      body: JSON.stringify([{ query: '{ echo(text: "a") }' }, { query: '{ echo(text: "b") }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('should refuse a body over the size limit with 413', async () => {
    const text = 'x'.repeat(LIMITS.bodyBytes);
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($t: String!) { echo(text: $t) }', variables: { t: text } }),
    });
    expect(res.status).toBe(413);
    const small = await stack.gql(
      'query ($t: String!) { echo(text: $t) }',
      { t: 'x'.repeat(LIMITS.bodyBytes / 2) },
      { as: caller },
    );
    expect(small.errors).toBeUndefined();
  });

  it('should refuse a cross-site simple request that could change anything (CSRF) and set security headers', async () => {
    // a GET runs a query only (no credential travels in a cookie, so a cross-site GET is a stranger's query)
    const simple = await fetch(`${stack.gateway.url}?query=${encodeURIComponent('mutation { __typename }')}`);
    expect(simple.status).toBe(405);
    const form = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ echo(text: "x") }' }),
    });
    expect(form.ok).toBe(false);
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ echo(text: "x") }' }),
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe("the gateway's /graphql on plain node:http", () => {
  it('should keep the HTTP edges Express had: bad JSON, bad token, preflight, compression, other paths', async () => {
    const url = stack.gateway.url;
    const broken = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ echo(text: "x") }' }),
    });
    expect(forged.status).toBe(401);
    expect(
      ((await forged.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    // the admin app's origin gets its preflight answered; another origin gets no CORS headers
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const foreign = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    // a large answer is compressed for a client that asks (node's fetch asks for gzip and inflates it)
    const big = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await stack.token(caller)}`,
        'accept-encoding': 'gzip',
      },
      body: JSON.stringify({
        query: 'query ($t: String!) { echo(text: $t) }',
        variables: { t: 'tandem '.repeat(2000) },
      }),
    });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(((await big.json()) as { data: { echo: string } }).data.echo).toHaveLength('tandem '.repeat(2000).length);
    expect(big.headers.get('x-content-type-options')).toBe('nosniff');
    // only /graphql itself is GraphQL; the health check is still served
    expect((await fetch(`${url}/elsewhere`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(url.replace('/graphql', '/health'))).ok).toBe(true);
  });
});

describe('gateway in production', () => {
  let prod: Stack;
  beforeAll(async () => {
    prod = await startStack({
      databaseUrl: testDatabaseUrl(),
      services: [probe],
      gatewayEnv: {
        NODE_ENV: 'production',
        RATE_LIMIT_PER_USER_PER_MINUTE: '5',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10',
        TRUST_PROXY: '', // the production default: no proxy is believed
      },
    });
  });
  afterAll(async () => {
    await prod?.stop();
  });

  it('should turn introspection and field suggestions off', async () => {
    const introspection = await prod.gql('{ __schema { types { name } } }', {}, { as: principal('ADMIN') });
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const typo = await prod.gql('{ ech(text: "x") }', {}, { as: principal('ADMIN') });
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('should rate-limit per user and per address with a clear code and a retry hint', async () => {
    const user = principal('MENTEE');
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await prod.gql('{ echo(text: "x") }', {}, { as: user }));
    expect(results.slice(0, 5).every((r) => !r.errors)).toBe(true);
    expect(results[5].status).toBe(429);
    expect(code(results[5])).toBe('RATE_LIMITED');
    expect(results[5].errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[5].headers.get('retry-after')).toMatch(/^\d+$/);
    // another user from the same address still has its own budget, until the address budget (10) is spent
    const other = await prod.gql('{ echo(text: "x") }', {}, { as: principal('MENTEE') });
    expect(other.errors).toBeUndefined();
    const more = [];
    for (let i = 0; i < 3; i++) more.push(await prod.gql('{ echo(text: "x") }', {}, { as: principal('MENTEE') }));
    expect(more.some((r) => code(r) === 'RATE_LIMITED')).toBe(true);
    // a forwarded-for header from a proxy nobody listed (TRUST_PROXY is empty) buys no fresh address budget
    const spoofed = await fetch(prod.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.7',
        authorization: `Bearer ${await prod.token(principal('MENTEE'))}`,
      },
      body: JSON.stringify({ query: '{ echo(text: "x") }' }),
    });
    expect(spoofed.status).toBe(429);
  });
});

describe('a gateway behind a proxy the operator lists', () => {
  let proxied: Stack;
  beforeAll(async () => {
    proxied = await startStack({
      databaseUrl: testDatabaseUrl(),
      services: [probe],
      gatewayEnv: { NODE_ENV: 'production', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '3', TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(async () => {
    await proxied?.stop();
  });

  it("should count each forwarded client's own budget, as the listed proxy reports it", async () => {
    const from = async (address: string) =>
      fetch(proxied.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': address,
          authorization: `Bearer ${await proxied.token(principal('MENTEE'))}`,
        },
        body: JSON.stringify({ query: '{ echo(text: "x") }' }),
      });
    const first = [];
    for (let i = 0; i < 4; i++) first.push((await from('198.51.100.1')).status);
    expect(first).toEqual([200, 200, 200, 429]);
    expect((await from('198.51.100.2')).status).toBe(200);
  });
});
