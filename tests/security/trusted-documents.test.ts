/**
 * Trusted documents (issue 23): a gateway with TRUSTED_DOCUMENTS=require serves the first-party apps' documents
 * (by the hash their urql client sends, or by their text) and refuses any other document from a person's client
 * (signed in or not) with 403 FORBIDDEN and `extensions.reason: TRUSTED_DOCUMENT_REQUIRED`, before it is parsed
 * or registered; an organisation's API key may send any query, but no mutation. The apps' committed manifests
 * are what their sources build (drift check).
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '@tandem/gateway';
import type { isolatedDatabase, Stack } from '@tandem/testkit';
import { LoginMutation } from '../../packages/ui/lib/session';
import { sentText, sha256Hex } from '../../packages/ui/lib/persisted';
import { appManifest, manifestPath, manifestText } from '../../scripts/persisted-documents';
import { startReplica, send } from '../support/gateways';
import { newOrganization, startWebhookStack } from '../support/webhooks';
import { call, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let strict: RunningGateway;
let apiKey: string;
const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@trusted.test`;
const manifest = (app: 'admin' | 'web') =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../apps/${app}/persisted-documents.json`), 'utf8'),
  ) as Record<string, string>;

beforeAll(async () => {
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL));
  const org = await newOrganization(stack, admin.token, 'Trusted A');
  apiKey = (
    await call(
      stack,
      `mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { errors { field code message } key } }`,
      { i: { organizationId: org.id, name: 'Reporting export' } },
      admin.token,
    )
  ).createApiKey.key as string;
  strict = await startReplica(stack, { TRUSTED_DOCUMENTS: 'require' });
}, 120_000);

afterAll(async () => {
  await strict?.stop();
  await stack?.stop();
  await database?.drop();
});

const refusedAsUntrusted = (res: Awaited<ReturnType<typeof send>>) => {
  expect(res.status).toBe(403);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TRUSTED_DOCUMENT_REQUIRED' });
};

describe('trusted documents in require mode', () => {
  it('should refuse an unregistered document from a signed-in person, from anonymous, by text, by hash and as a registration', async () => {
    const query = '{ organizations { id name } }';
    refusedAsUntrusted(await send(strict.url, { query }, admin.token));
    refusedAsUntrusted(await send(strict.url, { query }));
    const sha256Hash = await sha256Hex(query);
    refusedAsUntrusted(
      await send(strict.url, { extensions: { persistedQuery: { version: 1, sha256Hash } } }, admin.token),
    );
    refusedAsUntrusted(
      await send(strict.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, admin.token),
    );
    // a GET is no way around it
    const get = await fetch(`${strict.url}?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(get.status).toBe(403);
    // and the registration attempt above registered nothing: the same gateway in its normal mode does not know it
    const later = await send(stack.gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(later.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('should serve an app document sent by the hash its client computes, and by its text', async () => {
    // exactly what packages/ui's session store sends to sign in (urql's text, its sha256)
    const text = sentText(LoginMutation);
    const sha256Hash = await sha256Hex(text);
    expect(manifest('admin')[sha256Hash]).toBe(text);
    expect(manifest('web')[sha256Hash]).toBe(text);
    const variables = { email: `nobody.${randomUUID().slice(0, 6)}@trusted.test`, password: 'not-the-password' };
    const byHash = await send(strict.url, { variables, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toMatchObject({ login: { errors: [{ code: 'INVALID_CREDENTIALS' }], session: null } });
    const byText = await send(strict.url, { query: text, variables });
    expect(byText.body.data).toMatchObject({ login: { errors: [{ code: 'INVALID_CREDENTIALS' }] } });

    // a signed-in document of the manifest, by hash only, with the person's token
    const [hash] = Object.entries(manifest('web')).find(([, t]) => t.startsWith('query UiMyLanguage'))!;
    const mine = await send(
      strict.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      admin.token,
    );
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data?.me).toBeTruthy();
  });

  it('should let an API key send an ad hoc query, and no mutation', async () => {
    const res = await send(strict.url, { query: '{ organizations { id name } }' }, apiKey);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data?.organizations as unknown[]).length).toBeGreaterThan(0);

    const mutation = await send(
      strict.url,
      {
        query: 'mutation ($i: OrganizationInput!) { createOrganization(input: $i) { errors { code } } }',
        variables: { i: { name: 'Keyed' } },
      },
      apiKey,
    );
    expect(mutation.status).toBe(403);
    expect(mutation.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'API_KEY_READ_ONLY' });
  });
});

describe('the apps’ manifests', () => {
  it('should be exactly what the apps’ sources build (run npm run documents:persist after changing a document)', async () => {
    for (const app of ['admin', 'web'] as const) {
      const built = await appManifest(app);
      expect(Object.keys(built).length, app).toBeGreaterThan(50);
      expect(manifestText(built), `${manifestPath(app)} is stale`).toBe(readFileSync(manifestPath(app), 'utf8'));
    }
  }, 120_000);
});
