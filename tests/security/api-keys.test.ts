/**
 * Organisations' API keys (issue 23), through the gateway: an ADMIN or the organisation's PROGRAMME_ADMIN creates
 * one (shown once, stored as its sha256), lists and revokes it; coaches and other organisations' admins cannot.
 * A key reads its own organisation's figures and not another's, is never a platform-wide analyst, cannot mutate,
 * has its own rate limit, notes its last use, and is refused on the next request after its revocation
 * (API_KEY_STATE_TTL_MS is 0 here; 2 s by default). Creating and revoking a key each write a line of the staff
 * audit log (who, which organisation, the key's prefix and rate limit, when; never the key or its hash), once.
 * The subgraphs refuse a key's mutations themselves too: called directly with a key's principal, identity and
 * reporting answer its queries and refuse its mutations (even one any signed-in caller may make) before they run.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_READ_ONLY_REASON, type Principal } from '@tandem/contracts';
import { identity } from '@tandem/identity';
import { reporting } from '@tandem/reporting';
import { eventually, isolatedDatabase, startStack, testDatabaseUrl, type Stack } from '@tandem/testkit';
import { newOrganization } from '../support/webhooks';
import { ADMIN_PASSWORD, adminEnv, login, registerStaff, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let adminOfB: Person;
let coachA: Person;
let orgA: string;
let orgB: string;
let orgBName: string;
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@keys.test`;
const E = 'errors { field code message }';
const KEY = 'id organizationId name prefix requestsPerMinute createdAt lastUsedAt revokedAt';

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [identity, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, reporting],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { API_KEY_STATE_TTL_MS: '0' },
  });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  orgA = (await newOrganization(stack, admin.token, 'Keys A')).id;
  ({ id: orgB, name: orgBName } = await newOrganization(stack, admin.token, 'Keys B'));
  adminOfB = await registerStaff(stack, admin, 'Admin of B', ['PROGRAMME_ADMIN'], orgB);
  coachA = await registerStaff(stack, admin, 'Coach of A', ['COACH'], orgA);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

type Created = {
  createApiKey: {
    errors: Array<{ field: string; code: string }>;
    key: string | null;
    apiKey: { id: string; prefix: string; requestsPerMinute: number } | null;
  };
};
const create = (token: string, organizationId: string, name = 'HR reporting', requestsPerMinute?: number) =>
  stack.gql<Created>(
    `mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { ${E} key apiKey { ${KEY} } } }`,
    {
      i: { organizationId, name, requestsPerMinute },
    },
    { token },
  );

const stats = (key: string, organizationId?: string) =>
  stack.gql<{ programmeStats: Array<{ matches: number }> }>(
    `query ($from: LocalDate!, $to: LocalDate!, $f: ProgramStatsFilter) { programmeStats(from: $from, to: $to, filter: $f) { matches } }`,
    { from: '2020-01-01', to: '2020-12-31', f: organizationId ? { organizationId } : null },
    { token: key },
  );

describe('creating and listing keys', () => {
  it('should show the key once, store only its sha256, and list it with its prefix to the organisation’s admins', async () => {
    const res = await create(admin.token, orgA);
    expect(res.errors).toBeUndefined();
    const { key, apiKey, errors } = res.data!.createApiKey;
    expect(errors).toEqual([]);
    expect(key).toMatch(/^tdk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey!.prefix).toBe(key!.slice(0, 12));
    expect(apiKey!.requestsPerMinute).toBe(120);
    const [row] = await stack.sql<Record<string, unknown>>(`SELECT * FROM identity.api_key WHERE id = $1`, [
      apiKey!.id,
    ]);
    expect(row.key_hash).toBe(createHash('sha256').update(key!).digest('hex'));
    expect(Object.values(row).map(String)).not.toContain(key);

    const listed = await stack.gql<{ apiKeys: Array<{ id: string; prefix: string }> }>(
      `query ($o: ID!) { apiKeys(organizationId: $o) { ${KEY} } }`,
      { o: orgA },
      { token: admin.token },
    );
    expect(listed.data?.apiKeys.map((k) => k.id)).toContain(apiKey!.id);
    expect(JSON.stringify(listed.data)).not.toContain(key!);
  });

  it('should refuse a coach, another organisation’s admin and bad input, and create nothing', async () => {
    const before = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM identity.api_key`);
    expect((await create(coachA.token, orgA)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await create(adminOfB.token, orgA)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await create(admin.token, orgA, ' ', 0);
    expect(bad.data?.createApiKey.errors.map((e) => [e.field, e.code])).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.requestsPerMinute', 'OUT_OF_RANGE'],
    ]);
    const after = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM identity.api_key`);
    expect(after[0].n).toBe(before[0].n);
    // the organisation's own PROGRAMME_ADMIN may
    expect((await create(adminOfB.token, orgB)).data?.createApiKey.key).toMatch(/^tdk_/);
  });
});

describe('what a key may do', () => {
  it('should read its organisation’s figures, not another’s nor the whole platform’s, and change nothing', async () => {
    const key = (await create(admin.token, orgA, 'Dashboard')).data!.createApiKey.key!;
    const own = await stats(key, orgA);
    expect(own.errors).toBeUndefined();
    expect(own.data?.programmeStats.length).toBeGreaterThan(0);
    // without a filter: its organisation's figures (scoped, never the platform's)
    expect((await stats(key)).errors).toBeUndefined();
    expect((await stats(key, orgB)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // nothing people's roles give: the staff lists, the keys themselves
    const users = await stack.gql(`{ users(first: 5) { edges { node { id } } } }`, {}, { token: key });
    expect(users.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const keys = await stack.gql(`query ($o: ID!) { apiKeys(organizationId: $o) { id } }`, { o: orgA }, { token: key });
    expect(keys.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // every mutation is refused at the gateway, whatever it is
    for (const mutation of [
      `mutation { revokeApiKey(id: "${randomUUID()}") { ${E} } }`,
      `mutation { createOrganization(input: { name: "By a key" }) { ${E} } }`,
    ]) {
      const res = await stack.gql(mutation, {}, { token: key });
      expect(res.status).toBe(403);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'API_KEY_READ_ONLY' });
    }
  });

  it('should note the last use, keep its own rate limit, and be refused at once after its revocation', async () => {
    const created = (await create(admin.token, orgA, 'Nightly sync', 3)).data!.createApiKey;
    const key = created.key!;
    expect(created.apiKey!.requestsPerMinute).toBe(3);
    for (let i = 0; i < 3; i++) expect((await stats(key, orgA)).errors).toBeUndefined();
    const limited = await stats(key, orgA);
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // the key's budget is its own: a person is not slowed by it
    expect((await stats(admin.token, orgA)).errors).toBeUndefined();

    const listed = await stack.gql<{ apiKeys: Array<{ id: string; lastUsedAt: string | null }> }>(
      `query ($o: ID!) { apiKeys(organizationId: $o) { ${KEY} } }`,
      { o: orgA },
      { token: admin.token },
    );
    expect(listed.data?.apiKeys.find((k) => k.id === created.apiKey!.id)?.lastUsedAt).toBeTruthy();

    const other = (await create(admin.token, orgA, 'To revoke')).data!.createApiKey;
    expect((await stats(other.key!, orgA)).errors).toBeUndefined();
    const revoked = await stack.gql<{ revokeApiKey: { apiKey: { revokedAt: string | null } } }>(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { ${E} apiKey { revokedAt } } }`,
      { id: other.apiKey!.id },
      { token: admin.token },
    );
    expect(revoked.data?.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    const after = await stats(other.key!, orgA);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // an unknown key alike
    expect((await stats(`tdk_${'x'.repeat(43)}`, orgA)).status).toBe(401);
  });
});

describe('the staff audit log', () => {
  interface Line {
    kind: string;
    occurredAt: string;
    actor: { id: string } | null;
    subject: { id: string } | null;
    details: Record<string, unknown>;
  }
  const linesOf = async (kind: string, keyId: string): Promise<Line[]> => {
    const res = await stack.gql<{ securityAuditLog: { edges: Array<{ node: Line }> } }>(
      `query ($f: SecurityAuditFilter) { securityAuditLog(filter: $f, first: 100) { edges { node { kind occurredAt actor { id } subject { id } details } } } }`,
      { f: { kind } },
      { token: admin.token },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.securityAuditLog.edges.map((e) => e.node).filter((l) => l.details.keyId === keyId);
  };
  const revoke = (token: string, id: string) =>
    stack.gql<{ revokeApiKey: { apiKey: { revokedAt: string | null } } }>(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { ${E} apiKey { revokedAt } } }`,
      { id },
      { token },
    );

  it('should log who created and who revoked a key, for which organisation, its prefix and limit, once, never the key', async () => {
    const before = Date.now();
    const created = (await create(adminOfB.token, orgB, 'CRM sync', 300)).data!.createApiKey;
    const { key, apiKey } = created;
    const facts = {
      organizationId: orgB,
      organizationName: orgBName,
      keyId: apiKey!.id,
      name: 'CRM sync',
      prefix: apiKey!.prefix,
      requestsPerMinute: 300,
    };
    const [createdLine] = await eventually(async () => {
      const lines = await linesOf('API_KEY_CREATED', apiKey!.id);
      expect(lines).toHaveLength(1);
      return lines;
    }, 15_000);
    expect(createdLine).toMatchObject({ kind: 'API_KEY_CREATED', actor: { id: adminOfB.userId }, subject: null });
    expect(createdLine.details).toEqual(facts);
    expect(Date.parse(createdLine.occurredAt)).toBeGreaterThanOrEqual(before - 1000);

    // revoked by the platform's ADMIN; a second revocation changes nothing and logs nothing
    expect((await revoke(admin.token, apiKey!.id)).data?.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    expect((await revoke(admin.token, apiKey!.id)).data?.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    const [revokedLine] = await eventually(async () => {
      const lines = await linesOf('API_KEY_REVOKED', apiKey!.id);
      expect(lines).toHaveLength(1);
      return lines;
    }, 15_000);
    expect(revokedLine).toMatchObject({ kind: 'API_KEY_REVOKED', actor: { id: admin.userId }, subject: null });
    expect(revokedLine.details).toEqual(facts);
    const [row] = await stack.sql<{ revokedAt: Date }>(
      `SELECT revoked_at AS "revokedAt" FROM identity.api_key WHERE id = $1`,
      [apiKey!.id],
    );
    expect(Date.parse(revokedLine.occurredAt)).toBe(row.revokedAt.getTime());

    // the secret is nowhere in the log, nor its hash, nor in the events identity published
    const hash = createHash('sha256').update(key!).digest('hex');
    const stored = await stack.sql<{ details: unknown }>(`SELECT details FROM reporting.security_audit_event`);
    const events = await stack.sql<{ name: string; payload: unknown }>(
      `SELECT name, payload FROM identity.event_log WHERE payload->>'keyId' = $1 ORDER BY occurred_at`,
      [apiKey!.id],
    );
    expect(events.map((e) => e.name)).toEqual(['ApiKeyCreated', 'ApiKeyRevoked']);
    for (const text of [JSON.stringify(stored), JSON.stringify(events)]) {
      expect(text).not.toContain(key!);
      expect(text).not.toContain(hash);
    }
  });

  it('should publish nothing for a refused creation', async () => {
    const before = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.event_log WHERE name = 'ApiKeyCreated'`,
    );
    expect((await create(coachA.token, orgA, 'Refused')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await create(admin.token, orgA, ' ')).data?.createApiKey.errors.map((e) => e.code)).toEqual(['REQUIRED']);
    const after = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.event_log WHERE name = 'ApiKeyCreated'`,
    );
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('the subgraphs themselves', () => {
  it("should answer a key principal's query and refuse its mutations before they run, behind the gateway", async () => {
    const created = (await create(admin.token, orgA, 'Direct')).data!.createApiKey.apiKey!;
    // the principal the gateway forwards for this key
    const key: Principal = { userId: created.id, roles: [], organizationId: orgA, apiKeyId: created.id };
    const read = await stack.subgraph<{ programmeStats: unknown[] }>(
      'reporting',
      `query ($from: LocalDate!, $to: LocalDate!) { programmeStats(from: $from, to: $to) { matches } }`,
      { from: '2020-01-01', to: '2020-12-31' },
      { as: key },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.programmeStats.length).toBeGreaterThan(0);

    const refused = async (name: string, query: string, variables: Record<string, unknown> = {}) => {
      const res = await stack.subgraph(name, query, variables, { as: key });
      expect(res.status, name).toBe(403);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: API_KEY_READ_ONLY_REASON });
    };
    // revoking itself (its rules would refuse a principal without a role anyway, but not with this reason)
    await refused('identity', `mutation ($id: ID!) { revokeApiKey(id: $id) { errors { code } } }`, {
      id: created.id,
    });
    // what any signed-in caller may do, so no rule of identity's would stop it
    await refused('identity', `mutation { markNotificationsRead(all: true) { updated } }`);
    await refused(
      'reporting',
      `mutation { recordListExport(input: { list: CASELOAD, format: CSV, rowCount: 1 }) { recorded } }`,
    );
    const [row] = await stack.sql<{ revokedAt: Date | null }>(
      `SELECT revoked_at AS "revokedAt" FROM identity.api_key WHERE id = $1`,
      [created.id],
    );
    expect(row.revokedAt).toBeNull();
  });
});
