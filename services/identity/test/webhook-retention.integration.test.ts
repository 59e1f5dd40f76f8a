/** Webhook deliveries are kept 30 days for inspection and replay, then forgotten (the daily prune-webhooks job). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import type { Stack } from '@tandem/testkit';
import { WebhookRepository } from '../src/modules/webhooks/webhook.repository';
import { DELIVERY_RETENTION_DAYS } from '../src/modules/webhooks/webhook.rules';
import { startIdentityStack } from './helpers';

let stack: Stack;
beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
});
afterAll(async () => {
  await stack?.stop();
});

describe(WebhookRepository.name, () => {
  it('should forget finished deliveries older than the retention window, and keep pending and recent ones', async () => {
    const org = randomUUID();
    const endpoint = randomUUID();
    await stack.sql(`INSERT INTO identity.organization (id, name) VALUES ($1, $2)`, [org, `Retention ${org}`]);
    await stack.sql(
      `INSERT INTO identity.webhook_endpoint (id, organization_id, url, event_types, secret_sealed)
       VALUES ($1, $2, 'https://hooks.example.org/x', '{programme.enrolled}', 'v1.x.y.z')`,
      [endpoint, org],
    );
    const delivery = async (status: string, daysAgo: number) => {
      const id = randomUUID();
      await stack.sql(
        `INSERT INTO identity.webhook_delivery (id, endpoint_id, message_id, event_id, event_type, payload, status, created_at)
         VALUES ($1, $2, 'msg_x', $3, 'programme.enrolled', '{}', $4, now() - make_interval(days => $5))`,
        [id, endpoint, randomUUID(), status, daysAgo],
      );
      return id;
    };
    const old = [await delivery('SUCCEEDED', 31), await delivery('FAILED', 45)];
    const kept = [await delivery('PENDING', 40), await delivery('SUCCEEDED', 29)];
    const sut = new WebhookRepository(stack.services.identity.runtime.db);
    expect(await sut.prune(DELIVERY_RETENTION_DAYS)).toBeGreaterThanOrEqual(2);
    const left = await stack.sql<{ id: string }>(`SELECT id FROM identity.webhook_delivery WHERE endpoint_id = $1`, [
      endpoint,
    ]);
    expect(left.map((r) => r.id).sort()).toEqual([...kept].sort());
    expect(old.every((id) => !left.some((r) => r.id === id))).toBe(true);
  });
});
