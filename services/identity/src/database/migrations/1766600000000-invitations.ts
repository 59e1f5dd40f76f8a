import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations: staff invite a person by email into a staff role, or into a programme as mentee or mentor. Only the
 * sha256 of each link's token is kept; an invitation is accepted once (it then names the account it made).
 */
export class Invitations1766600000000 implements MigrationInterface {
  name = 'Invitations1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        organization_id uuid REFERENCES organization (id),
        programme_id uuid REFERENCES program (id),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES "user" (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES "user" (id),
        revoked_at timestamptz
      )`);
    // at most one open invitation per address
    await q.query(
      `CREATE UNIQUE INDEX invitation_open_email ON invitation (lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX invitation_created ON invitation (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation`);
  }
}
