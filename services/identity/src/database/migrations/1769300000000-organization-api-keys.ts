import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations' API keys (issue 23): server-to-server access that reads one organisation's data. Only the
 * key's SHA-256 is kept (the key is shown once, at creation), with a short prefix to recognise it by, its own
 * rate limit, when it was last used, and when (and by whom) it was revoked; a revoked key stays listed.
 */
export class OrganizationApiKeys1769300000000 implements MigrationInterface {
  name = 'OrganizationApiKeys1769300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        requests_per_minute int NOT NULL CHECK (requests_per_minute BETWEEN 1 AND 6000),
        created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES "user"(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX api_key_organization ON api_key (organization_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_key`);
  }
}
