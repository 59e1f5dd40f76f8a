import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on with OpenID Connect per organisation (issue 23): an organisation's provider (issuer, client id,
 * the client secret sealed with AES-256-GCM, whether its staff may still use a password), the email domains it
 * covers (a domain belongs to one organisation at most), how the provider's groups map to staff roles, and the
 * sign-in attempts in flight (state hashed, nonce and PKCE verifier, 10 minutes, single use).
 */
export class OrganizationSingleSignOn1768700000000 implements MigrationInterface {
  name = 'OrganizationSingleSignOn1768700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organization_sso (
      organization_id uuid PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
      issuer text NOT NULL,
      client_id text NOT NULL,
      client_secret_sealed text NOT NULL,
      password_allowed boolean NOT NULL DEFAULT false,
      role_mappings jsonb NOT NULL DEFAULT '[]',
      updated_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE organization_sso_domain (
      domain text PRIMARY KEY CHECK (domain = lower(domain)),
      organization_id uuid NOT NULL REFERENCES organization_sso(organization_id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX organization_sso_domain_org ON organization_sso_domain (organization_id)`);
    await q.query(`CREATE TABLE sso_attempt (
      id uuid PRIMARY KEY,
      state_hash text NOT NULL UNIQUE,
      organization_id uuid NOT NULL REFERENCES organization_sso(organization_id) ON DELETE CASCADE,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX sso_attempt_expires ON sso_attempt (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_attempt`);
    await q.query(`DROP TABLE organization_sso_domain`);
    await q.query(`DROP TABLE organization_sso`);
  }
}
