import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open Badges 3.0 credentials the organisation issues (issue 21): each organisation's Ed25519 signing key (the
 * private half sealed with AES-256-GCM, the public half published as a did:web document and a JWKS), and each
 * credential as issued (the compact VC-JWT, what it states, its place on the organisation's revocation status
 * list, and its revocation with a reason).
 */
export class OpenBadgeCredentials1769000000000 implements MigrationInterface {
  name = 'OpenBadgeCredentials1769000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE issuer_key (
      organization_id uuid PRIMARY KEY,
      key_id text NOT NULL,
      public_jwk jsonb NOT NULL,
      private_key_sealed text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE credential (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      relationship_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('MENTOR', 'MENTEE')),
      person_name text NOT NULL,
      organization_name text NOT NULL,
      programme_name text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      hours numeric(10,2) NOT NULL,
      meetings integer NOT NULL,
      status_index integer NOT NULL,
      jwt text NOT NULL,
      issued_by uuid NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      revoked_by uuid,
      revoked_at timestamptz,
      revoke_reason text,
      UNIQUE (organization_id, status_index)
    )`);
    await q.query(`CREATE INDEX credential_user_idx ON credential (user_id, issued_at DESC)`);
    await q.query(`CREATE INDEX credential_organization_idx ON credential (organization_id, issued_at DESC)`);
    await q.query(`CREATE INDEX credential_relationship_idx ON credential (relationship_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credential`);
    await q.query(`DROP TABLE issuer_key`);
  }
}
