import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (issue 23): an organisation's endpoints and the deliveries made to them.
 *
 * `webhook_endpoint` keeps the signing secret sealed (AES-256-GCM, never readable through the API after
 * creation) and, for a day after a rotation, the previous one, so receivers can switch without losing messages.
 * `webhook_delivery` is the outbox of outbound messages: a row per event per endpoint (unique, so a redelivered
 * event is sent once), claimed with FOR UPDATE SKIP LOCKED, retried with back-off, kept with the response's
 * status and an excerpt of its body for inspection; a replay is a new row pointing at the one it replays.
 */
export class Webhooks1766300000000 implements MigrationInterface {
  name = 'Webhooks1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        event_types text[] NOT NULL,
        secret_sealed text NOT NULL,
        previous_secret_sealed text,
        previous_secret_expires_at timestamptz,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        disabled_at timestamptz,
        consecutive_failures int NOT NULL DEFAULT 0,
        failing_since timestamptz,
        created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_organization ON webhook_endpoint (organization_id, created_at)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        message_id text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SUCCEEDED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        last_attempt_at timestamptz,
        response_status int,
        response_body text,
        error text,
        replay_of uuid REFERENCES webhook_delivery(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_delivery_event ON webhook_delivery (endpoint_id, event_id) WHERE replay_of IS NULL`,
    );
    await q.query(`CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status IN ('PENDING', 'SENDING')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_endpoint`);
  }
}
