import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits, type AuditResult } from 'graphql-http';
import { HEADERS } from '@tandem/contracts';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';

// The GraphQL-over-HTTP specification's server audit (graphql-http's conformance check), against the gateway and a
// subgraph: a client's mistake is a 4xx, never a server error, and no audit may even warn.
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity] });
});
afterAll(async () => {
  await stack?.stop();
});

async function audit(url: string, headers: Record<string, string> = {}): Promise<AuditResult[]> {
  const fetchFn = (input: string | URL | Request, init?: RequestInit) =>
    fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers } });
  return Promise.all(serverAudits({ url, fetchFn }).map((a) => a.fn()));
}

const notOk = (results: AuditResult[]) =>
  results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id}: ${r.name}: ${r.reason}`);

describe('GraphQL over HTTP', () => {
  it('should pass every audit of the specification at the gateway, without a warning', async () => {
    expect(notOk(await audit(stack.gateway.url))).toEqual([]);
  });

  it('should pass every audit at a subgraph called with the gateway secret', async () => {
    expect(notOk(await audit(stack.services.identity.url, { [HEADERS.gatewaySecret]: stack.secret }))).toEqual([]);
  });

  it('should answer a malformed query with 400 and a GraphQL error, not a server error', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ extensions?: { code?: string } }> };
    expect(body.errors[0].extensions?.code).toBe('BAD_USER_INPUT'); // the gateway's closed set of codes
  });

  it('should serve a query over GET and refuse a mutation over GET with 405', async () => {
    const query = await fetch(`${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toMatchObject({ data: { __typename: 'Query' } });
    const mutation = await fetch(
      `${stack.gateway.url}?query=${encodeURIComponent('mutation { requestPasswordReset(email: "a@b.c") { ok } }')}`,
      { headers: { accept: 'application/graphql-response+json' } },
    );
    expect(mutation.status).toBe(405);
  });
});
