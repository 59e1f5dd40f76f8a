import type { Database, Tx } from '@tandem/subgraph-kit';
import type { WebhookEventType } from './webhook.events';

/** A row of identity.webhook_endpoint (the sealed secrets never leave the service). */
export interface WebhookEndpointRow {
  id: string;
  organizationId: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  consecutiveFailures: number;
  failingSince: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SUCCEEDED' | 'FAILED';

/** A row of identity.webhook_delivery. */
export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  messageId: string;
  eventId: string;
  eventType: WebhookEventType;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  replayOf: string | null;
  createdAt: Date;
  /** created_at with microseconds, for keyset cursors. */
  cursorAt: string;
}

/** A delivery claimed for sending, with what sending needs from its endpoint. */
export interface DeliveryClaim {
  id: string;
  endpointId: string;
  messageId: string;
  payload: string;
  attempts: number;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  messageId: string;
  eventId: string;
  eventType: WebhookEventType;
  payload: string;
  replayOf: string | null;
}

const ENDPOINT = `SELECT id, organization_id AS "organizationId", url, description, event_types AS "eventTypes",
  secret_sealed AS "secretSealed", previous_secret_sealed AS "previousSecretSealed",
  previous_secret_expires_at AS "previousSecretExpiresAt", enabled, disabled_reason AS "disabledReason",
  disabled_at AS "disabledAt", consecutive_failures AS "consecutiveFailures", failing_since AS "failingSince",
  created_by AS "createdBy", created_at AS "createdAt" FROM webhook_endpoint`;

const DELIVERY = `SELECT id, endpoint_id AS "endpointId", message_id AS "messageId", event_id AS "eventId",
  event_type AS "eventType", payload, status, attempts, next_attempt_at AS "nextAttemptAt",
  last_attempt_at AS "lastAttemptAt", response_status AS "responseStatus", response_body AS "responseBody", error,
  replay_of AS "replayOf", created_at AS "createdAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt" FROM webhook_delivery`;

/** Webhook endpoints and the outbox of their deliveries (identity.webhook_endpoint, identity.webhook_delivery). */
export class WebhookRepository {
  constructor(private readonly db: Database) {}

  forOrganization(organizationId: string): Promise<WebhookEndpointRow[]> {
    return this.db.query<WebhookEndpointRow>(`${ENDPOINT} WHERE organization_id = $1 ORDER BY created_at, id`, [
      organizationId,
    ]);
  }

  byId(id: string, on: Database | Tx = this.db): Promise<WebhookEndpointRow | null> {
    return on.one<WebhookEndpointRow>(`${ENDPOINT} WHERE id = $1`, [id]);
  }

  /** Locks the organisation's endpoints while one is added (the per-organisation cap holds under concurrency). */
  async countForOrganization(tx: Tx, organizationId: string): Promise<number> {
    await tx.query(`SELECT id FROM organization WHERE id = $1 FOR UPDATE`, [organizationId]);
    const row = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_endpoint WHERE organization_id = $1`,
      [organizationId],
    );
    return row!.n;
  }

  async insert(
    tx: Tx,
    row: Pick<WebhookEndpointRow, 'id' | 'organizationId' | 'url' | 'description' | 'eventTypes' | 'secretSealed'> & {
      createdBy: string;
    },
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO webhook_endpoint (id, organization_id, url, description, event_types, secret_sealed, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.organizationId, row.url, row.description, row.eventTypes, row.secretSealed, row.createdBy],
    );
  }

  /** Enables (clearing the failure streak and the reason) or disables by hand. */
  async setEnabled(tx: Tx, id: string, enabled: boolean, reason: string | null): Promise<void> {
    await tx.execute(
      `UPDATE webhook_endpoint SET enabled = $2,
         disabled_reason = CASE WHEN $2 THEN NULL ELSE $3 END,
         disabled_at = CASE WHEN $2 THEN NULL ELSE now() END,
         consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures END,
         failing_since = CASE WHEN $2 THEN NULL ELSE failing_since END
       WHERE id = $1`,
      [id, enabled, reason],
    );
  }

  /** A new secret; the current one keeps signing beside it until `previousUntil`. */
  async rotate(tx: Tx, id: string, sealed: string, previousUntil: Date): Promise<void> {
    await tx.execute(
      `UPDATE webhook_endpoint SET previous_secret_sealed = secret_sealed, previous_secret_expires_at = $3,
         secret_sealed = $2 WHERE id = $1`,
      [id, sealed, previousUntil],
    );
  }

  /** The enabled endpoints of an organisation subscribed to a type. */
  subscribed(tx: Tx, organizationId: string, type: WebhookEventType): Promise<Array<{ id: string }>> {
    return tx.query<{ id: string }>(
      `SELECT id FROM webhook_endpoint WHERE organization_id = $1 AND enabled AND $2 = ANY(event_types)`,
      [organizationId, type],
    );
  }

  async organizationOfUser(tx: Tx, userId: string): Promise<string | null> {
    const row = await tx.one<{ organizationId: string | null }>(
      `SELECT organization_id AS "organizationId" FROM "user" WHERE id = $1`,
      [userId],
    );
    return row?.organizationId ?? null;
  }

  /** Adds deliveries to the outbox; an event already queued for an endpoint is not queued again. */
  async enqueue(tx: Tx, deliveries: NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const rows = await tx.query(
      `INSERT INTO webhook_delivery (id, endpoint_id, message_id, event_id, event_type, payload, replay_of)
       SELECT (d->>'id')::uuid, (d->>'endpointId')::uuid, d->>'messageId', (d->>'eventId')::uuid, d->>'eventType',
         d->>'payload', (d->>'replayOf')::uuid
       FROM jsonb_array_elements($1::jsonb) d
       ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(deliveries)],
    );
    return rows.length;
  }

  deliveryById(id: string): Promise<WebhookDeliveryRow | null> {
    return this.db.one<WebhookDeliveryRow>(`${DELIVERY} WHERE id = $1`, [id]);
  }

  deliveriesPage(endpointId: string, after: [string, string] | null, limit: number): Promise<WebhookDeliveryRow[]> {
    return this.db.query<WebhookDeliveryRow>(
      `${DELIVERY} WHERE endpoint_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [endpointId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async countDeliveries(endpointId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_delivery WHERE endpoint_id = $1`,
      [endpointId],
    );
    return row!.n;
  }

  /**
   * Claims deliveries that are due on enabled endpoints (or were claimed long ago by a process that died), so
   * that replicas never send the same one at once; each claim counts an attempt.
   */
  claimDue(limit: number): Promise<DeliveryClaim[]> {
    return this.db.query<DeliveryClaim>(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id AND e.enabled
         WHERE (d.status = 'PENDING' AND d.next_attempt_at <= now())
            OR (d.status = 'SENDING' AND d.claimed_at < now() - interval '10 minutes')
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_delivery d SET status = 'SENDING', claimed_at = now(), attempts = d.attempts + 1
       FROM due, webhook_endpoint e WHERE d.id = due.id AND e.id = d.endpoint_id
       RETURNING d.id, d.endpoint_id AS "endpointId", d.message_id AS "messageId", d.payload, d.attempts, e.url,
         e.secret_sealed AS "secretSealed",
         CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret_sealed END AS "previousSecretSealed"`,
      [limit],
    );
  }

  /** When the earliest pending delivery of an enabled endpoint is due; null when none is. */
  async nextDueAt(): Promise<Date | null> {
    const row = await this.db.one<{ at: Date | null }>(
      `SELECT min(d.next_attempt_at) AS at FROM webhook_delivery d
       JOIN webhook_endpoint e ON e.id = d.endpoint_id AND e.enabled WHERE d.status = 'PENDING'`,
    );
    return row?.at ?? null;
  }

  /** Records an attempt's answer: SUCCEEDED, PENDING again at `retryAt`, or FAILED when `retryAt` is null. */
  async recordAttempt(
    tx: Tx,
    id: string,
    attempt: { ok: boolean; status: number | null; bodyExcerpt: string | null; error: string | null },
    retryAt: Date | null,
  ): Promise<void> {
    await tx.execute(
      `UPDATE webhook_delivery SET status = $2, last_attempt_at = now(), claimed_at = NULL, response_status = $3,
         response_body = $4, error = $5, next_attempt_at = coalesce($6, next_attempt_at) WHERE id = $1`,
      [
        id,
        attempt.ok ? 'SUCCEEDED' : retryAt ? 'PENDING' : 'FAILED',
        attempt.status,
        attempt.bodyExcerpt,
        attempt.error?.slice(0, 1000) ?? null,
        retryAt,
      ],
    );
  }

  /** A success ends the endpoint's failure streak. */
  async endpointSucceeded(tx: Tx, endpointId: string): Promise<void> {
    await tx.execute(
      `UPDATE webhook_endpoint SET consecutive_failures = 0, failing_since = NULL WHERE id = $1 AND consecutive_failures > 0`,
      [endpointId],
    );
  }

  /** Counts a failure in the endpoint's streak; returns the streak, locked for the disable decision. */
  endpointFailed(tx: Tx, endpointId: string): Promise<{ consecutiveFailures: number; failingSince: Date } | null> {
    return tx.one(
      `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1,
         failing_since = coalesce(failing_since, now())
       WHERE id = $1 AND enabled
       RETURNING consecutive_failures AS "consecutiveFailures", failing_since AS "failingSince"`,
      [endpointId],
    );
  }

  /** Who is told when an endpoint is disabled: its creator and the PROGRAMME_ADMINs of its organisation. */
  async admins(tx: Tx, endpoint: Pick<WebhookEndpointRow, 'organizationId' | 'createdBy'>): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM "user" WHERE (id = $2 OR (organization_id = $1 AND 'PROGRAMME_ADMIN' = ANY(roles)))
         AND suspended_at IS NULL ORDER BY id`,
      [endpoint.organizationId, endpoint.createdBy],
    );
    return rows.map((r) => r.id);
  }

  /** Forgets finished deliveries older than `days` (the inspection window); returns how many. */
  prune(days: number): Promise<number> {
    return this.db.execute(
      `DELETE FROM webhook_delivery WHERE status IN ('SUCCEEDED', 'FAILED') AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
  }
}
