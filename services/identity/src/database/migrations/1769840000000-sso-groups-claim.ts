import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which claim of an organisation's provider holds a person's groups (issue 23): `groups` unless the organisation
 * names another (read from the ID token, else from the provider's userinfo answer).
 */
export class SsoGroupsClaim1769840000000 implements MigrationInterface {
  name = 'SsoGroupsClaim1769840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization_sso ADD COLUMN groups_claim text NOT NULL DEFAULT 'groups'
      CHECK (length(groups_claim) BETWEEN 1 AND 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization_sso DROP COLUMN groups_claim`);
  }
}
