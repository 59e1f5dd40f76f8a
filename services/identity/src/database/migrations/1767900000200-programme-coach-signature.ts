import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme may require its coach's signature on the partnership agreement (issue 19: the agency programmes
 * have the coach sign the agreement with the pair). Every existing programme keeps the pair's two signatures.
 */
export class ProgrammeCoachSignature1767900000200 implements MigrationInterface {
  name = 'ProgrammeCoachSignature1767900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN require_coach_signature boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN require_coach_signature`);
  }
}
