/**
 * The automatic persisted query store is shared by the gateway replicas (issue 23): a document registered through
 * one gateway is served by its hash alone through another (PostgreSQL through Keyv, APQ_DATABASE_URL), entries
 * expire after APQ_TTL_SECONDS and the store keeps at most APQ_MAX_ENTRIES. A gateway with the memory store (one
 * replica, as `npm start`) does not know what the others registered.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '@tandem/gateway';
import type { isolatedDatabase, Stack } from '@tandem/testkit';
import { send, startReplica } from '../support/gateways';
import { startWebhookStack } from '../support/webhooks';
import type { Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
const replicas: RunningGateway[] = [];
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@apq.test`;

const replica = async (env: Record<string, string> = {}) => {
  const started = await startReplica(stack, { APQ_DATABASE_URL: database.url, ...env });
  replicas.push(started);
  return started;
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A document no app has (its own alias), so only a registration can make it known. */
const adHoc = () => {
  const query = `{ ${`a${randomUUID().replace(/-/g, '')}`}: organizations { id } }`;
  return { query, persistedQuery: { version: 1, sha256Hash: sha256(query) } };
};
const register = (g: RunningGateway, d: ReturnType<typeof adHoc>) =>
  send(g.url, { query: d.query, extensions: { persistedQuery: d.persistedQuery } }, admin.token);
const byHash = (g: RunningGateway, d: ReturnType<typeof adHoc>) =>
  send(g.url, { extensions: { persistedQuery: d.persistedQuery } }, admin.token);

beforeAll(async () => {
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL));
}, 120_000);

afterAll(async () => {
  for (const g of replicas) await g.stop();
  await stack?.stop();
  await database?.drop();
});

describe('the shared persisted query store', () => {
  it('should serve through a second gateway a hash registered through the first', async () => {
    const [first, second] = [await replica(), await replica()];
    expect(first.persistedQueryStore.kind).toBe('postgres');
    const d = adHoc();
    const before = await byHash(second, d);
    expect(before.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');

    const registered = await register(first, d);
    expect(registered.body.errors).toBeUndefined();
    const served = await byHash(second, d);
    expect(served.status).toBe(200);
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data).toEqual(registered.body.data);
    // a gateway keeping its registrations in its own memory never saw it
    expect((await byHash(stack.gateway, d)).body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('should let entries expire and keep at most APQ_MAX_ENTRIES of them', async () => {
    const brief = await replica({ APQ_TTL_SECONDS: '1' });
    const d = adHoc();
    await register(brief, d);
    expect((await byHash(brief, d)).body.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await byHash(brief, d)).body.errors?.[0]?.message).toBe('PersistedQueryNotFound');

    const small = await replica({ APQ_MAX_ENTRIES: '3' });
    const docs = [adHoc(), adHoc(), adHoc(), adHoc(), adHoc()];
    for (const doc of docs) expect((await register(small, doc)).body.errors).toBeUndefined();
    await small.persistedQueryStore.prune();
    const [{ n }] = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM gateway.apq_cache`);
    expect(n).toBe(3);
    // what stays is still served, whichever gateway asks
    const kept = await Promise.all(docs.map((doc) => byHash(replicas[0], doc)));
    expect(kept.filter((r) => r.body.errors === undefined)).toHaveLength(3);
  });
});
