import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person who erases their account takes their signed credentials and their audit documents with them: the
 * credential row keeps only what the organisation's status list needs (its index and whether it is revoked, so the
 * index is never given to another credential) and drops the signed document; `erased_at` says when.
 */
export class ErasedEvidence1769830000000 implements MigrationInterface {
  name = 'ErasedEvidence1769830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential ALTER COLUMN jwt DROP NOT NULL, ADD COLUMN erased_at timestamptz`);
    await q.query(
      `ALTER TABLE credential ADD CONSTRAINT credential_signed_until_erased CHECK ((jwt IS NULL) = (erased_at IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM credential WHERE erased_at IS NOT NULL`);
    await q.query(`ALTER TABLE credential DROP CONSTRAINT credential_signed_until_erased`);
    await q.query(`ALTER TABLE credential DROP COLUMN erased_at, ALTER COLUMN jwt SET NOT NULL`);
  }
}
