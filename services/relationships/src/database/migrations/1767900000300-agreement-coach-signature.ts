import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coach's signature on the agreement (issue 19). The programme read model learns whether its programme
 * requires it; each version records whether it was drafted under that rule (a later change of the programme does
 * not unbind an agreement already signed), and the coach who signed it, when.
 */
export class AgreementCoachSignature1767900000300 implements MigrationInterface {
  name = 'AgreementCoachSignature1767900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme ADD COLUMN require_coach_signature boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE agreement_version ADD COLUMN coach_signature_required boolean NOT NULL DEFAULT false,
      ADD COLUMN coach_signed_at timestamptz, ADD COLUMN coach_signer_id uuid,
      ADD CONSTRAINT agreement_version_coach_signer CHECK ((coach_signed_at IS NULL) = (coach_signer_id IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement_version DROP CONSTRAINT agreement_version_coach_signer,
      DROP COLUMN coach_signer_id, DROP COLUMN coach_signed_at, DROP COLUMN coach_signature_required`);
    await q.query(`ALTER TABLE programme DROP COLUMN require_coach_signature`);
  }
}
